package io.econtext.bench;

/** The first call of the boot benchmarks: as small as a class can be, so it measures the library, not the payload. */
final class Probe {
    private Probe() {}

    static Integer one() {
        return 1;
    }
}
