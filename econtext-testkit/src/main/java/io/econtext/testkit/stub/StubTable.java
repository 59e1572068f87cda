package io.econtext.testkit.stub;

import java.util.ArrayList;
import java.util.List;

/**
 * The stubs of one {@link StubbedContext}; the newest that matches a call answers it.
 *
 * <p>Thread-safe: writers replace the whole list under a lock, readers take the current list without one, so a call
 * made while a stub is being replaced sees the old stub or the new one, never neither.
 */
final class StubTable {
    private volatile List<Stub> stubs = List.of();

    /** Makes {@code answer} answer calls of {@code target}, replacing a stub of that exact target. */
    synchronized void put(CallTarget target, Answer<?> answer) {
        List<Stub> next = new ArrayList<>(stubs.size() + 1);
        for (Stub s : stubs) {
            if (!s.target.equals(target)) {
                next.add(s);
            }
        }
        next.add(new Stub(target, answer));
        stubs = List.copyOf(next);
    }

    /** The answer for a call of {@code call}, or {@code null} when no stub matches. */
    Answer<?> answerFor(CallTarget call) {
        List<Stub> current = stubs;
        for (int i = current.size() - 1; i >= 0; i--) {
            Stub s = current.get(i);
            if (s.target.matches(call)) {
                return s.answer;
            }
        }
        return null;
    }

    synchronized void clear() {
        stubs = List.of();
    }

    private static final class Stub {
        final CallTarget target;
        final Answer<?> answer;

        Stub(CallTarget target, Answer<?> answer) {
            this.target = target;
            this.answer = answer;
        }
    }
}
