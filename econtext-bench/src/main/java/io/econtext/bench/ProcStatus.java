package io.econtext.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads memory figures from {@code /proc/PID/status}. */
final class ProcStatus {
    private ProcStatus() {}

    /** The {@code field} (e.g. {@code VmRSS}) of process {@code pid}, in KiB. */
    static long kib(long pid, String field) throws IOException {
        String status = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/status")), StandardCharsets.UTF_8);
        return kib(status, field);
    }

    /** A plain number {@code field} (e.g. {@code Threads}) of process {@code pid}. */
    static long number(long pid, String field) throws IOException {
        return kib(pid, field); // the same parse: a number, without the unit kB
    }

    /** The {@code field} of a {@code /proc/PID/status} text, in KiB. */
    static long kib(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field + ":")) {
                String v = line.substring(field.length() + 1).trim();
                if (v.endsWith("kB")) {
                    v = v.substring(0, v.length() - 2).trim();
                }
                return Long.parseLong(v);
            }
        }
        throw new IllegalArgumentException("no " + field + " in process status");
    }
}
