package io.econtext.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/** Runs a test's body while every worker of the common pool is blocked: a split list's helper never comes. */
final class BusyCommonPool {
    private BusyCommonPool() {}

    static void whileBlocked(Runnable body) throws InterruptedException {
        int workers = ForkJoinPool.commonPool().getParallelism();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(workers);
        for (int i = 0; i < workers; i++) {
            ForkJoinPool.commonPool().execute(() -> {
                busy.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            assertThat(busy.await(10, TimeUnit.SECONDS))
                    .as("every worker of the common pool blocked")
                    .isTrue();
            body.run();
        } finally {
            release.countDown();
        }
    }
}
