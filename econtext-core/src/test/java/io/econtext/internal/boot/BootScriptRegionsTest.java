package io.econtext.internal.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The child's G1 region size ({@link BootScript#REGION_OPTION}): chosen by the script on the target, from its memory
 * and environment, and left out when the application bounds the heap too tightly for it. The script runs for real
 * under {@code sh}, with a stand-in for {@code java} that prints the options it was given.
 */
@Timeout(30)
class BootScriptRegionsTest {
    @TempDir
    Path dir;

    @Test
    void readsJvmSizes() {
        assertThat(BootScript.mebibytes("512m")).isEqualTo(512);
        assertThat(BootScript.mebibytes("2G")).isEqualTo(2048);
        assertThat(BootScript.mebibytes("131072k")).isEqualTo(128);
        assertThat(BootScript.mebibytes("1073741824")).isEqualTo(1024);
        assertThat(BootScript.mebibytes("1t")).isEqualTo(1024 * 1024);
        assertThat(BootScript.mebibytes("")).isEqualTo(-1);
        assertThat(BootScript.mebibytes("m")).isEqualTo(-1);
        assertThat(BootScript.mebibytes("12x")).isEqualTo(-1);
        assertThat(BootScript.mebibytes("99999999999999999999g")).isEqualTo(-1);
    }

    @Test
    void aHeapBoundBelowEightRegionsOrOneItCannotReadLeavesTheRegionsToTheJvm() {
        assertThat(BootScript.largeRegionsAllowed(List.of())).isTrue();
        assertThat(BootScript.largeRegionsAllowed(List.of("-Xmx2g", "-Xss512k")))
                .isTrue();
        assertThat(BootScript.largeRegionsAllowed(List.of("-Xmx128m"))).isTrue();
        assertThat(BootScript.largeRegionsAllowed(List.of("-Xmx32m"))).isFalse();
        assertThat(BootScript.largeRegionsAllowed(List.of("-XX:MaxHeapSize=64m")))
                .isFalse();
        assertThat(BootScript.largeRegionsAllowed(List.of("-Xmxlots"))).isFalse();
        assertThat(BootScript.largeRegionsAllowed(List.of("-XX:MaxRAMPercentage=10")))
                .isFalse();
        assertThat(BootScript.largeRegionsAllowed(List.of("-XX:MaxRAM=1g"))).isFalse();
    }

    @Test
    void theScriptChoosesLargeRegionsOnATargetWithMemoryToSpare() throws Exception {
        assumeTrue(memoryMib() >= BootScript.REGION_MIN_MEMORY_MIB, "this machine has less than 512 MiB");
        assertThat(javaOptions(List.of(), Map.of())).contains(BootScript.REGION_OPTION);
    }

    @Test
    void theScriptLeavesTheRegionsAloneWhenTheEnvironmentBoundsTheHeap() throws Exception {
        assertThat(javaOptions(List.of(), Map.of("JAVA_TOOL_OPTIONS", "-Xmx32m")))
                .doesNotContain(BootScript.REGION_OPTION);
        assertThat(javaOptions(List.of(), Map.of("JDK_JAVA_OPTIONS", "-XX:MaxRAMPercentage=5")))
                .doesNotContain(BootScript.REGION_OPTION);
        assertThat(javaOptions(List.of("-Xmx32m"), Map.of())).doesNotContain("G1HeapRegionSize");
    }

    @Test
    void anApplicationsOwnRegionSizeComesLaterAndWins() throws Exception {
        assumeTrue(memoryMib() >= BootScript.REGION_MIN_MEMORY_MIB, "this machine has less than 512 MiB");
        String options = javaOptions(List.of("-XX:G1HeapRegionSize=2m"), Map.of());
        assertThat(options.indexOf("-XX:G1HeapRegionSize=2m")).isGreaterThan(options.indexOf(BootScript.REGION_OPTION));
    }

    /** Runs the rendered script with a {@code java} that prints its arguments; returns them. */
    private String javaOptions(List<String> jvmOptions, Map<String, String> env)
            throws IOException, InterruptedException {
        Path java = dir.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        byte[] stage = new byte[16];
        String script =
                BootScript.render(java.toString(), jvmOptions, "regions", stage.length, List.of(dir.toString()), false);
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().putAll(env);
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stage);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).as("the stand-in java ran").contains("EcontextStage1");
        return out;
    }

    /** This machine's memory as the script reads it (RAM, or the container's limit when smaller). */
    private static long memoryMib() throws IOException {
        long mib = Long.MAX_VALUE;
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                mib = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        for (String limit : List.of("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes")) {
            Path p = Path.of(limit);
            if (Files.isReadable(p)) {
                String v = Files.readString(p).trim();
                if (v.matches("[0-9]+")) {
                    mib = Math.min(mib, Long.parseLong(v) / (1024 * 1024));
                }
            }
        }
        return mib;
    }
}
