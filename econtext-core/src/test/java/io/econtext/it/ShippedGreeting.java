package io.econtext.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A user class that exists only on the master's class path: children load it, and its resource, on demand. */
public final class ShippedGreeting {
    private final String who;

    public ShippedGreeting(String who) {
        this.who = who;
    }

    public String greet() {
        return "hello " + who + " from " + getClass().getName();
    }

    public String resourceText() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/some-test-resource.txt")) {
            if (in == null) {
                return null;
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
