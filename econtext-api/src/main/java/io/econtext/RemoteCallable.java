package io.econtext;

import java.io.Serializable;

/**
 * A function to run in another context: a static method reference ({@code Probes::hostname}) or a lambda whose
 * captured values the codec can carry. Only its identity and captured values travel; the class comes on demand.
 */
@FunctionalInterface
public interface RemoteCallable<T> extends Serializable {
    T call() throws Exception;
}
