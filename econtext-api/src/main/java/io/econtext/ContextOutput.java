package io.econtext;

/**
 * Receives the lines a context prints: {@code System.out}/{@code System.err} of its JVM, and the output of processes
 * it started with inherited stdio (which arrive as {@code stderr}: a child's stdout belongs to the protocol).
 *
 * <p>Threads: called on the router's reader threads; must not block.
 */
@FunctionalInterface
public interface ContextOutput {
    /**
     * @param context the context that printed
     * @param stream {@code stdout} or {@code stderr}
     * @param line the line, without its line terminator
     */
    void line(Context context, String stream, String line);
}
