/**
 * The payloads of the runtime's own messages, one type each, encoded by the value codec in plain mode and decoded
 * and checked in one place ({@code fromWire}): a handle's receiver works with a typed value or refuses the message,
 * and never reads a positional list itself.
 *
 * <pre>
 * handle              direction            payload                                     type
 * FETCH_CLASS (4)     child → ancestor     mode-less UTF-8 binary name                 (bytes)
 *   answer                                 [name, class file or null, {name: bytes}]   {@link io.econtext.internal.protocol.ClassAnswer}
 * FETCH_RESOURCE (5)  child → ancestor     mode byte (1 first, 2 all), UTF-8 name      {@link io.econtext.internal.protocol.ResourceRequest}
 *   answer                                 [bytes, ...]                                {@link io.econtext.internal.protocol.ResourceAnswer}
 * LOG (6)             child → master       [id, level, logger, message, throwable]     {@link io.econtext.internal.protocol.LogRecord}
 * STDIO (7)           child → master       [id, stream name, line]                     {@link io.econtext.internal.protocol.OutputLine}
 * BOOT (9)            master → intermediate [spec, child id, child name, transport]    {@link io.econtext.internal.protocol.BootChild}
 *   answer                                 [pid, user, host, java, home, boot ms]      {@link io.econtext.internal.protocol.BootAnswer}
 * (handle 0)          child → parent, once  [pid, user, host, java, home]              {@link io.econtext.internal.boot.Hello}
 * CALL (1)            ancestor → child     ["f", lambda] or ["m", class, method, args] {@code internal.call.CallRequest}
 * boot parameters     parent → child, once  [id, name, ancestors, ...]                 {@link io.econtext.internal.boot.BootRequest}
 * </pre>
 *
 * <p>Part of the child runtime: JDK only.
 */
package io.econtext.internal.protocol;
