package io.econtext.internal.router;

/**
 * Who may send to a handle. Checked by the router before the handle's receiver sees the message (and before anything
 * decodes it), after the router checked that the message's {@code src} is reachable through the stream it came on.
 *
 * <pre>
 *  policy           used by                      admits
 *  FROM_ANCESTOR    calls, boots, shutdown       an ancestor, on the parent stream
 *  FROM_DESCENDANT  class fetches, logs, output  a context below, on a child stream
 *  FROM_CHILD       route announcements          the direct child whose stream it is
 *  NEIGHBOUR        heartbeats                   the direct neighbour (parent or child) whose stream it is
 *  EXPECTED_SOURCE  reply handles                the context the request went to; a DEAD answer also from this
 *                                                router or a router on the path to that context
 *  GRANTED          channel receivers            the contexts the receiver's sender was handed to, the contexts
 *                                                below them, and this context
 *  ANY              (tests)                      every context
 * </pre>
 */
public enum Policy {
    /** Any context. Nothing in the runtime uses it: every handle says whom it expects. */
    ANY,
    /** Only an ancestor, arriving on the parent stream: calls, boots, shutdown. The master accepts none. */
    FROM_ANCESTOR,
    /** Only a context below this one, arriving on a child stream: class fetches, logs, output. */
    FROM_DESCENDANT,
    /** Only the direct child whose stream it arrived on: route announcements. */
    FROM_CHILD,
    /** Only the direct neighbour, parent or child, whose stream it arrived on: heartbeats (hop by hop). */
    NEIGHBOUR,
    /**
     * A reply handle: the answer (value, error or DEAD) only from the one context the request went to; a DEAD answer
     * also from this router's own bounce, or from a router on the path to that context, arriving on the stream that
     * leads there (the router where the request died). See {@code Admission#mayReportDead}.
     */
    EXPECTED_SOURCE,
    /**
     * A channel receiver: values and CLOSE only from this context, from the contexts its sender was encoded for
     * ({@link RouterCore#grant}), and from contexts below those. A context that holds a sender may pass it down to
     * its own descendants, for whom it can already speak (its router forwards their frames); a sender passed
     * anywhere else by anyone but the receiver's own context is refused.
     */
    GRANTED;

    /** Who the policy admits, for error messages. */
    String describe() {
        switch (this) {
            case ANY:
                return "any context";
            case FROM_ANCESTOR:
                return "ancestors";
            case FROM_DESCENDANT:
                return "descendants";
            case FROM_CHILD:
                return "the child whose stream it arrives on";
            case NEIGHBOUR:
                return "the neighbour whose stream it arrives on";
            case GRANTED:
                return "the contexts its sender was handed to";
            default:
                return "the context it expects an answer from";
        }
    }
}
