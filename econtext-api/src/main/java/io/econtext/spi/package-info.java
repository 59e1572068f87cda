/**
 * What transport authors implement: a {@link io.econtext.spi.Transport} starts a process that runs a shell script,
 * and the core does the rest (bootstrap, framing, routing). Implementations must be JDK-only because intermediate
 * contexts run them after loading them over the wire.
 */
package io.econtext.spi;
