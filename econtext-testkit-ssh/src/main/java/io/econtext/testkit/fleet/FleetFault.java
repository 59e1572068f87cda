package io.econtext.testkit.fleet;

import java.time.Duration;
import java.util.Locale;

/**
 * What goes wrong with one virtual host of a {@link SimulatedFleet}; written {@code kind} or {@code kind:millis} (e.g.
 * {@code "refuse"}, {@code "die:500"}, {@code "slow:20"}).
 *
 * <ul>
 *   <li>{@link Kind#REFUSE}: the host's address refuses TCP connections (its port is bound but not listening, so the
 *       client's connect fails at once with "Connection refused").
 *   <li>{@link Kind#BAD_AUTH}: the SSH handshake completes, but no key is ever accepted for the host's login name.
 *   <li>{@link Kind#HANG}: the host's address accepts the TCP connection and never says a word, not even the SSH
 *       version line: the client waits until its connect timeout.
 *   <li>{@link Kind#DIE}: the context boots, and {@code millis} after its handshake answer it dies: its channel closes
 *       with exit status 137 (as if the JVM was killed) and the runtime sees its parent stream end.
 *   <li>{@link Kind#SLOW}: each write of the context's stdout (the handshake, every reply batch) waits {@code millis}
 *       first.
 *   <li>{@link Kind#FROZEN}: the context boots, then, as if SIGSTOPped, never writes nor reads another byte of its
 *       channel (its window fills; its session stays up) until the session closes.
 * </ul>
 *
 * <p>{@code DIE}, {@code SLOW} and {@code FROZEN} act on econtext boots; other exec requests on such a host run as on
 * a healthy one.
 */
public record FleetFault(Kind kind, long millis) {
    /** The kinds of fault; see {@link FleetFault}. */
    public enum Kind {
        REFUSE,
        BAD_AUTH,
        HANG,
        DIE,
        SLOW,
        FROZEN;

        /** How it is written: lower case, {@code _} as {@code -}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        boolean takesMillis() {
            return this == DIE || this == SLOW;
        }
    }

    public FleetFault {
        if (kind == null) {
            throw new IllegalArgumentException(
                    "kind : null (expected: one of refuse, bad-auth, hang, die, slow, frozen)");
        }
        if (kind.takesMillis() ? millis < 0 : millis != 0) {
            throw new IllegalArgumentException("millis : " + millis + " for " + kind.word() + " (expected: "
                    + (kind.takesMillis() ? ">= 0" : "0; only die and slow take a duration") + ")");
        }
    }

    /** Connections to the host are refused. */
    public static FleetFault refuse() {
        return new FleetFault(Kind.REFUSE, 0);
    }

    /** The host accepts no key. */
    public static FleetFault badAuth() {
        return new FleetFault(Kind.BAD_AUTH, 0);
    }

    /** The host accepts the TCP connection and never answers. */
    public static FleetFault hang() {
        return new FleetFault(Kind.HANG, 0);
    }

    /** The host's context dies {@code after} its boot. */
    public static FleetFault die(Duration after) {
        return new FleetFault(Kind.DIE, after.toMillis());
    }

    /** Each write of the host's context waits {@code delay} first. */
    public static FleetFault slow(Duration delay) {
        return new FleetFault(Kind.SLOW, delay.toMillis());
    }

    /** The host's context stops reading and writing after its boot. */
    public static FleetFault frozen() {
        return new FleetFault(Kind.FROZEN, 0);
    }

    /** Parses {@link #toString()}'s form: {@code kind} or {@code kind:millis}. */
    public static FleetFault parse(String text) {
        String word = text.trim();
        long millis = 0;
        int colon = word.indexOf(':');
        if (colon >= 0) {
            try {
                millis = Long.parseLong(word.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "fault : '" + text + "' (expected: kind or kind:millis, e.g. die:500)", e);
            }
            word = word.substring(0, colon);
        }
        for (Kind k : Kind.values()) {
            if (k.word().equals(word)) {
                return new FleetFault(k, millis);
            }
        }
        throw new IllegalArgumentException(
                "fault : '" + text + "' (expected: refuse, bad-auth, hang, die:MILLIS, slow:MILLIS or frozen)");
    }

    @Override
    public String toString() {
        return kind.takesMillis() ? kind.word() + ":" + millis : kind.word();
    }
}
