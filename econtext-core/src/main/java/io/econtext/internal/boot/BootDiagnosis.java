package io.econtext.internal.boot;

import io.econtext.BootstrapException;
import io.econtext.ConnectionSpec;
import io.econtext.JavaNotFoundException;
import io.econtext.spi.Transport;
import io.econtext.spi.TransportProcess;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the evidence of a failed boot into the exception that tells the user what to do. */
final class BootDiagnosis {
    private static final Pattern TOO_OLD = Pattern.compile("ECONTEXT-ERROR: java-too-old (\\S+) (.*)");
    private static final Pattern NO_DIR = Pattern.compile(BootScript.NO_DIRECTORY_MARKER + "(.*)");

    private BootDiagnosis() {}

    static String output(ByteArrayOutputStream junk, String stderrTail) {
        String j = new String(junk.toByteArray(), StandardCharsets.UTF_8).strip();
        if (j.isEmpty()) {
            return stderrTail;
        }
        return stderrTail.isEmpty() ? j : j + "\n" + stderrTail;
    }

    static <S extends ConnectionSpec> RuntimeException diagnose(
            Transport<S> transport,
            TransportProcess process,
            S spec,
            String name,
            Integer exit,
            String out,
            Exception failure) {
        RuntimeException own = process.diagnose(exit, out);
        if (own != null) {
            return own;
        }
        Matcher m = TOO_OLD.matcher(out);
        if (m.find()) {
            return new JavaNotFoundException(
                    "the java of '" + name + "' (" + m.group(2).strip() + ") is version " + m.group(1)
                            + "; econtext needs Java 17 or newer: point javaPath at a newer JVM",
                    exit,
                    out);
        }
        if (out.contains("UnsupportedClassVersionError")) {
            return new JavaNotFoundException(
                    "the java of '" + name + "' is older than Java 8 and cannot even load the first stage;"
                            + " econtext needs Java 17 or newer: point javaPath at a newer JVM",
                    exit,
                    out);
        }
        m = NO_DIR.matcher(out);
        if (m.find()) {
            return new BootstrapException(
                    "no directory would take the first stage of '" + name + "'; tried:"
                            + m.group(1)
                            + "; free some space, make one writable (a directory of the target user's own, or a sticky"
                            + " one like /tmp), or choose others with firstStageDirs",
                    exit,
                    out);
        }
        RuntimeException specific = transport.diagnose(spec, exit, out);
        if (specific != null) {
            return specific;
        }
        if (exit != null && exit == 127 || out.contains(spec.javaPath() + ": not found")) {
            return new JavaNotFoundException(
                    "'" + spec.javaPath() + "' was not found on the target of '" + name
                            + "': install Java 17 or newer there, or set javaPath",
                    exit,
                    out);
        }
        if (out.contains("Could not create the Java Virtual Machine")
                || out.contains("Unrecognized option")
                || out.contains("Unrecognized VM option")) {
            return new BootstrapException("the JVM of '" + name + "' failed to start: check its jvmOptions", exit, out);
        }
        String why = failure != null ? ": " + failure.getMessage() : "";
        return new BootstrapException("'" + name + "' exited before its handshake" + why, exit, out);
    }
}
