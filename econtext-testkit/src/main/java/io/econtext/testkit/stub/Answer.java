package io.econtext.testkit.stub;

import java.util.List;

/**
 * Computes a stubbed call's result from the call's arguments: the values the function captured (for a lambda) or the
 * arguments of {@link io.econtext.Caller#call(Class, String, Object...)}, as the other side would have decoded them.
 * What it throws reaches the caller as a {@link io.econtext.RemoteCallException}, as if the call had failed there.
 *
 * <pre>{@code
 * web.when(Probes.greeting("anyone")).thenAnswer(args -> "hi " + args.get(0));
 * }</pre>
 *
 * <p>Runs on the thread that made the call (for {@code callAsync} and {@code callNoReply} too), so it may block that
 * thread; it must be thread-safe when calls are made from several threads.
 */
@FunctionalInterface
public interface Answer<T> {
    T answer(List<Object> args) throws Exception;
}
