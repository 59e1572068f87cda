package io.econtext.it;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.local.Local;
import java.util.Arrays;

public class RttMain {
    public static int one() {
        return 1;
    }

    public static void main(String[] args) throws Exception {
        try (Router router = Econtext.newRouter()) {
            Context c = router.connect(Local.spec());
            for (int round = 0; round < 5; round++) {
                int n = 20000;
                long[] t = new long[n];
                for (int i = 0; i < n; i++) {
                    long s = System.nanoTime();
                    c.call(RttMain::one);
                    t[i] = System.nanoTime() - s;
                }
                Arrays.sort(t);
                System.out.println("median " + t[n / 2] / 1000.0 + " us p99 " + t[n * 99 / 100] / 1000.0);
            }
            long s = System.nanoTime();
            int n = 200000;
            java.util.concurrent.CompletableFuture<?>[] fs = new java.util.concurrent.CompletableFuture<?>[n];
            for (int i = 0; i < n; i++) fs[i] = c.callAsync(RttMain::one);
            java.util.concurrent.CompletableFuture.allOf(fs).get();
            System.out.println("pipelined " + n * 1e9 / (System.nanoTime() - s) + " calls/s");
        }
    }
}
