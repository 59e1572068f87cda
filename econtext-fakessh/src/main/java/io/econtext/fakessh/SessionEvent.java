package io.econtext.fakessh;

import java.util.List;

/**
 * One message on a session's output channel, as {@link RemoteSession} sends it: {@code [tag, bytes]} for a chunk of
 * output ({@link RemoteSession#STDOUT}, {@link RemoteSession#STDERR}), {@code [CONSUMED, count]} when the command
 * read that many chunks of stdin. Decoded and checked once, in the master.
 *
 * @param tag which of the three it is
 * @param bytes the chunk of output, or {@code null} for an acknowledgement
 * @param consumed the chunks of stdin read, for an acknowledgement
 */
record SessionEvent(String tag, byte[] bytes, int consumed) {
    boolean isConsumed() {
        return RemoteSession.CONSUMED.equals(tag);
    }

    boolean isStdout() {
        return RemoteSession.STDOUT.equals(tag);
    }

    /**
     * The event {@code value} holds.
     *
     * @throws IllegalArgumentException when it is anything else
     */
    static SessionEvent fromWire(Object value) {
        if (value instanceof List && ((List<?>) value).size() == 2) {
            List<?> m = (List<?>) value;
            Object tag = m.get(0);
            if (RemoteSession.CONSUMED.equals(tag) && m.get(1) instanceof Integer) {
                return new SessionEvent(RemoteSession.CONSUMED, null, (Integer) m.get(1));
            }
            if ((RemoteSession.STDOUT.equals(tag) || RemoteSession.STDERR.equals(tag)) && m.get(1) instanceof byte[]) {
                return new SessionEvent((String) tag, (byte[]) m.get(1), 0);
            }
        }
        throw new IllegalArgumentException("not a session event: "
                + (value == null ? "null" : "a " + value.getClass().getSimpleName()));
    }
}
