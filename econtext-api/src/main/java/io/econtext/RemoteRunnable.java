package io.econtext;

import java.io.Serializable;

/** A procedure to run in another context; see {@link RemoteCallable}. */
@FunctionalInterface
public interface RemoteRunnable extends Serializable {
    void run() throws Exception;
}
