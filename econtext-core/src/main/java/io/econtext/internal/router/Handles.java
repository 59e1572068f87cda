package io.econtext.internal.router;

/**
 * Well-known handles, present in every context. Handles from {@link #FIRST_DYNAMIC} up are allocated at run time
 * (reply handles, receivers), numbered unpredictably ({@link HandleNumbers}).
 *
 * <pre>
 *  handle  name            accepted from       data
 *  1       CALL            ancestors only      value: a call request; replyTo gets the result
 *  2       ADD_ROUTE       the child stream    u32 pairs: context id now reachable through that child, its parent
 *  3       DEL_ROUTE       the child stream    u32 count, u32 context ids lost below that child, u8 kind (0 gone:
 *                                              [u32 id that saw the stream close, u16 + UTF-8 why], 1 unresponsive:
 *                                              u32 silent context id, u64 silence ns); see LossReason
 *  4       FETCH_CLASS     descendants         UTF-8 class name; reply: class answer
 *  5       FETCH_RESOURCE  descendants         u8 mode + UTF-8 resource name; reply: resource bytes
 *  6       LOG             descendants (dst 0) value: [context id, level, logger, message, throwable]
 *  7       STDIO           descendants (dst 0) value: [context id, stream name, line]
 *  8       SHUTDOWN        ancestors only      empty
 *  9       BOOT            ancestors only      value: a boot request; replyTo gets the child's hello
 *  10      CANCEL          ancestors only      u32 reply handle of a CALL the same source sent: interrupt it or drop
 *                                              it if not started; no answer goes to that reply handle
 *  11      HEARTBEAT       the neighbour       empty; hop by hop (dst: the neighbour's id). A ping carries replyTo
 *                          (either stream end) 11 and is answered with an empty HEARTBEAT, replyTo 0. Sent by a
 *                                              stream that read nothing for its interval; see Heartbeat
 * </pre>
 */
public final class Handles {
    public static final int CALL = 1;
    public static final int ADD_ROUTE = 2;
    public static final int DEL_ROUTE = 3;
    public static final int FETCH_CLASS = 4;
    public static final int FETCH_RESOURCE = 5;
    public static final int LOG = 6;
    public static final int STDIO = 7;
    public static final int SHUTDOWN = 8;
    public static final int BOOT = 9;
    public static final int CANCEL = 10;
    public static final int HEARTBEAT = 11;
    public static final int FIRST_DYNAMIC = 1000;

    private Handles() {}
}
