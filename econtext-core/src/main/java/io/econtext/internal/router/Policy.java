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
    EXPECTED_SOURCE
}
