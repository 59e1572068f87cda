package io.econtext.testkit.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A class that only the master has (in the testkit jar): a child loads it, and its resource, on demand.
 */
public final class ShippedGreeting {
    static final String RESOURCE = "shipped-resource.txt";
    static final String RESOURCE_TEXT = "a resource only the master has";

    private final String who;

    public ShippedGreeting(String who) {
        this.who = who;
    }

    public String greet() {
        return "hello " + who + " from " + getClass().getName();
    }

    /** The text of {@link #RESOURCE}, next to this class, or {@code null} when the class loader cannot find it. */
    public String resourceText() throws IOException {
        try (InputStream in = getClass().getResourceAsStream(RESOURCE)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
