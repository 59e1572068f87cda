package io.econtext.internal.router;

/** Who may send to a handle. Checked by the router before the handle's receiver sees the message. */
public enum Policy {
    /** Any context (channels: whoever was given the sender). */
    ANY,
    /** Only an ancestor, arriving on the parent stream: calls, boots, shutdown. The master accepts none. */
    FROM_ANCESTOR,
    /** Only a context below this one, arriving on a child stream: class fetches, logs, output. */
    FROM_DESCENDANT,
    /** Only the direct child whose stream it arrived on: route announcements. */
    FROM_CHILD,
    /** Only the one context the handle expects (a reply), or a router reporting it dead. */
    EXPECTED_SOURCE;

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
            default:
                return "the context it expects an answer from";
        }
    }
}
