package io.econtext.it;

import io.econtext.Context;
import io.econtext.Router;
import io.econtext.core.Econtext;
import io.econtext.transport.local.Local;

public class SmokeMain {
    public static String hello() {
        return "hello from " + ProcessHandle.current().pid();
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        try (Router router = Econtext.newRouter()) {
            long t1 = System.nanoTime();
            Context c = router.connect(Local.spec());
            long t2 = System.nanoTime();
            System.out.println("router " + (t1 - t0) / 1e6 + " ms, boot " + (t2 - t1) / 1e6 + " ms " + c.info());
            System.out.println(c.call(SmokeMain::hello));
            long t3 = System.nanoTime();
            System.out.println("first call " + (t3 - t2) / 1e6 + " ms");
            String x = "abc";
            System.out.println(c.call(() -> x + System.getProperty("econtext.name")));
            Context d = router.connect(Local.spec().via(c));
            System.out.println("nested: " + d.info() + " " + d.call(SmokeMain::hello));
            long s = System.nanoTime();
            for (int i = 0; i < 10000; i++) c.call(SmokeMain::hello);
            System.out.println("rtt " + (System.nanoTime() - s) / 10000 / 1000.0 + " us");
        }
    }
}
