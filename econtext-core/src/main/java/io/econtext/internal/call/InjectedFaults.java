package io.econtext.internal.call;

import java.lang.reflect.Constructor;
import java.util.Random;

/**
 * Call failures a test injects into this context (through the testkit's {@code Faults}): the next {@code n} calls, or
 * each call with a probability drawn from a seeded generator, fail with an exception of a named type instead of
 * running. The caller sees what a real failure there looks like: a {@code RemoteCallException} carrying that type and
 * message. Deterministic: the same seed fails the same calls of the same sequence.
 *
 * <p>Threads: any; the state is guarded by the class.
 */
public final class InjectedFaults {
    // guarded by InjectedFaults.class
    private static int failNext;
    private static Random random;
    private static double probability;
    private static String type;
    private static String message;

    private InjectedFaults() {}

    /** The next {@code n} calls fail with {@code type} (a Throwable class name) and {@code message}. */
    public static synchronized void failNextCalls(int n, String type, String message) {
        failNext = n;
        CallService.faultsArmed = true;
        InjectedFaults.type = type;
        InjectedFaults.message = message;
    }

    /** From now on each call fails with {@code probability}, drawn from a generator seeded with {@code seed}. */
    public static synchronized void failCallsRandomly(double probability, long seed, String type, String message) {
        InjectedFaults.probability = probability;
        InjectedFaults.random = probability > 0 ? new Random(seed) : null;
        CallService.faultsArmed = true;
        InjectedFaults.type = type;
        InjectedFaults.message = message;
    }

    /** Ends every injected call failure. */
    public static synchronized void clear() {
        failNext = 0;
        random = null;
    }

    /**
     * The failure the call {@code request} (decoded) must end with, or {@code null} to run it. The calls that arm and
     * clear faults (by name, to this class or {@code ChildFaults}) are never failed.
     */
    static Throwable nextCallFault(CallRequest request) {
        if (isControl(request)) {
            return null;
        }
        String t;
        String m;
        synchronized (InjectedFaults.class) {
            if (failNext > 0) {
                failNext--;
            } else if (random == null || random.nextDouble() >= probability) {
                return null;
            }
            t = type;
            m = message;
        }
        return instantiate(t, m);
    }

    private static boolean isControl(CallRequest request) {
        return request.isMethodOf(InjectedFaults.class.getName())
                || request.isMethodOf("io.econtext.internal.child.ChildFaults");
    }

    private static Throwable instantiate(String type, String message) {
        try {
            Class<?> c = Class.forName(type);
            if (Throwable.class.isAssignableFrom(c)) {
                Constructor<?> withMessage = c.getConstructor(String.class);
                return (Throwable) withMessage.newInstance(message);
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // fall through to the generic failure below
        }
        return new IllegalStateException(
                type + ": " + message + " (injected; " + type + " has no (String) constructor)");
    }
}
