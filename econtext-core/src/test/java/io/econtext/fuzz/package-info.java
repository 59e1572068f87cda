/**
 * Coverage-guided fuzz targets (Jazzer) for every decoder that reads bytes another JVM wrote: frames, value payloads,
 * the runtime bundle, class files, the boot handshake and boot parameters, route and DEAD control messages. Each
 * target states the decoder's contract: it returns, or fails with the typed exception its API documents, within an
 * allocation budget proportional to its input; anything else (another exception, an error, a hang) is a finding.
 * Plain {@code ./mvnw verify} replays the committed corpus ({@code src/test/resources/io/econtext/fuzz/*Inputs});
 * {@code -Pfuzz} fuzzes each target in a JVM of its own.
 */
package io.econtext.fuzz;
