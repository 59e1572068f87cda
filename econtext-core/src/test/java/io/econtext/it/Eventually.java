package io.econtext.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling for what arrives asynchronously (output lines, loss notices). */
final class Eventually {
    private Eventually() {}

    static boolean holds(Duration bound, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
