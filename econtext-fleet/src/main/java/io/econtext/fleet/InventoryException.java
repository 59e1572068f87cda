package io.econtext.fleet;

/** A hosts file that cannot be read as an {@link Inventory}: the message names the file, the line and what to write. */
public final class InventoryException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;

    InventoryException(String source, int line, String message) {
        super(source + ":" + line + ": " + message);
        this.source = source;
        this.line = line;
    }

    /** The file (or the name given to the text) the error is in. */
    public String source() {
        return source;
    }

    /** The 1-based line of the error. */
    public int line() {
        return line;
    }
}
