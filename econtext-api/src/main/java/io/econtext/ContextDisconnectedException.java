package io.econtext;

/** The context a call or message was headed for died, or the route to it was lost, before the answer came. */
public class ContextDisconnectedException extends EcontextException {
    private static final long serialVersionUID = 1L;
    private final String contextName;

    public ContextDisconnectedException(String contextName, String reason) {
        super("context '" + contextName + "' disconnected: " + reason);
        this.contextName = contextName;
    }

    /** The name of the context that went away. */
    public String contextName() {
        return contextName;
    }
}
