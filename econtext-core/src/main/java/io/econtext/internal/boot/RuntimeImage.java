package io.econtext.internal.boot;

/**
 * What a context sends to boot a child: the first-stage class file (shipped as a small jar, see {@link Bootstrapper})
 * and the compressed runtime bundle. The master builds it from its class path; a child keeps the one it was booted
 * with, so its own children cost the master nothing.
 *
 * @param stage1 the bytes of {@code EcontextStage1.class}
 * @param bundle the raw-DEFLATE runtime bundle, without its length prefix
 */
public record RuntimeImage(byte[] stage1, byte[] bundle) {}
