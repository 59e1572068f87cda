package io.econtext.testkit.contract;

import org.slf4j.LoggerFactory;

/** What the contract runs in children: small static methods, so that a child loads little to run them. */
final class ContractProbes {
    static final String FAILURE_MESSAGE = "thrown in the child on purpose";

    private ContractProbes() {}

    static long pid() {
        return ProcessHandle.current().pid();
    }

    static long parentPid() {
        return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
    }

    static String userName() {
        return System.getProperty("user.name");
    }

    static String fail() {
        throw new IllegalStateException(FAILURE_MESSAGE);
    }

    static boolean loadedBySystemClassLoader() {
        return ShippedGreeting.class.getClassLoader() == ClassLoader.getSystemClassLoader();
    }

    static int print(String marker) {
        System.out.println("out " + marker);
        System.err.println("err " + marker);
        return 1;
    }

    static int log(String marker) {
        LoggerFactory.getLogger("contract").warn("logged {}", marker);
        return 1;
    }

    static String sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return "woke up";
    }
}
