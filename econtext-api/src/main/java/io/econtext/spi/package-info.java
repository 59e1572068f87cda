/**
 * What transport authors implement: a {@link io.econtext.spi.Transport} starts a process that runs a shell script,
 * and the core does the rest (bootstrap, framing, routing). Implementations must be JDK-only because intermediate
 * contexts run them after loading them over the wire. A transport whose process runs on an event loop (a network
 * client inside the master) returns an {@link io.econtext.spi.AsyncTransportProcess}: bytes by callback, writes
 * completed by callback, no thread per process.
 */
package io.econtext.spi;
