package io.econtext.testkit.stub;

import io.econtext.RemoteCallable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** Static methods the tests call in contexts, stubbed or for real. */
public final class StubProbes {
    private StubProbes() {}

    public static long pid() {
        return ProcessHandle.current().pid();
    }

    public static String hostname() throws IOException {
        return InetAddress.getLocalHost().getHostName();
    }

    public static String greet(String name) {
        return "hello " + name + " from " + pid();
    }

    /** A value the codec cannot carry. */
    public static Object currentThread() {
        return Thread.currentThread();
    }

    public static void touch(String path) throws IOException {
        Files.writeString(Path.of(path), "touched");
    }

    public static void halt() {
        Runtime.getRuntime().halt(3);
    }

    /** Every call makes its lambda at this one site, so one stub answers them all, whatever name they carry. */
    public static RemoteCallable<String> greeting(String name) {
        return () -> greet(name);
    }
}
