package io.econtext;

/**
 * One per JVM: boots contexts, routes messages and owns every context it connected. Closing it shuts the whole tree
 * down.
 *
 * <pre>{@code
 * try (Router router = Econtext.newRouter()) {
 *   Context child = router.connect(Local.spec());
 *   child.call(Probes::hostname);
 * }
 * }</pre>
 */
public interface Router extends AutoCloseable {
    /**
     * Boots a child context as {@code spec} says (through {@code spec.via()} when set) and returns once it answered
     * its first message. Throws a {@link BootstrapException} (or a subtype) that says what went wrong.
     */
    Context connect(ConnectionSpec spec);

    /**
     * A new channel whose receiving end lives in this JVM, with the {@link ChannelWindow#DEFAULT default window}: each
     * sending context may have 1,024 values or 4 MiB sent and not yet taken.
     */
    default <T> Receiver<T> newReceiver() {
        return newReceiver(ChannelWindow.DEFAULT);
    }

    /**
     * A new channel whose receiving end lives in this JVM; each sending context may have {@code window} sent and not yet
     * taken, then waits (see {@link Sender#send}).
     */
    <T> Receiver<T> newReceiver(ChannelWindow window);

    /** Shuts every context down, then stops the router's threads. */
    @Override
    void close();
}
