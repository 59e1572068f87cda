package io.econtext.bench;

import java.io.FileInputStream;
import java.io.IOException;

/**
 * The baseline JVM: does nothing, or with the argument {@code rss} copies {@code /proc/self/status} to stdout so the
 * bench can read its peak resident memory. Copied alone into a temporary directory and run from there, so it must stay
 * one class without lambdas or nested classes.
 */
public final class Hello {
    private Hello() {}

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && "rss".equals(args[0])) {
            byte[] status;
            try (FileInputStream in = new FileInputStream("/proc/self/status")) {
                status = in.readAllBytes();
            }
            System.out.write(status);
            System.out.flush();
        }
    }
}
