package io.econtext.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first example, as printed there: compiled with the imports the README lists under it, and run. A
 * README that drifts from the API fails here.
 */
class ReadmeExampleTest {
    private static final Pattern FIRST_JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
    private static final Pattern IMPORTS = Pattern.compile("\\(Imports: (.*?)\\.\\)", Pattern.DOTALL);

    @Test
    void theFirstExampleCompilesAndRunsAsPrinted(@TempDir Path dir) throws Exception {
        String readme = Files.readString(readme(), StandardCharsets.UTF_8);
        Matcher block = FIRST_JAVA_BLOCK.matcher(readme);
        assertThat(block.find()).as("a ```java block in README.md").isTrue();
        Matcher imports = IMPORTS.matcher(readme);
        assertThat(imports.find())
                .as("the '(Imports: ...)' line under the example")
                .isTrue();
        Path source = dir.resolve("Hello.java");
        Files.writeString(source, importLines(imports.group(1)) + block.group(1), StandardCharsets.UTF_8);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(
                null,
                diagnostics,
                diagnostics,
                "-d",
                dir.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                source.toString());
        assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        String printed = runMain(dir);
        assertThat(printed.lines().toList())
                .as("what the example printed")
                .hasSize(3)
                .satisfies(lines -> assertThat(lines.get(1)).startsWith("hello from pid "))
                .satisfies(lines -> assertThat(lines.get(2)).isNotBlank());
    }

    /** {@code io.econtext.{Context, Router}, io.econtext.core.Econtext} as import lines. */
    private static String importLines(String listed) {
        StringBuilder out = new StringBuilder();
        Matcher m = Pattern.compile("`([^`]+)`").matcher(listed);
        while (m.find()) {
            String name = m.group(1);
            int brace = name.indexOf(".{");
            List<String> names = new ArrayList<>();
            if (brace < 0) {
                names.add(name);
            } else {
                for (String simple :
                        name.substring(brace + 2, name.length() - 1).split(",")) {
                    names.add(name.substring(0, brace + 1) + simple.strip());
                }
            }
            for (String n : names) {
                out.append("import ").append(n).append(";\n");
            }
        }
        return out.toString();
    }

    /**
     * Runs {@code java -cp DIR:CLASSPATH Hello} as a user would (the class server ships what is on the application
     * class path) and returns what it printed.
     */
    private static String runMain(Path dir) throws Exception {
        String javaCommand =
                Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = dir + java.io.File.pathSeparator + System.getProperty("java.class.path");
        Process p = new ProcessBuilder(javaCommand, "-cp", classPath, "Hello")
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        p.getOutputStream().close();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
                .as("exit status; stderr: " + Files.readString(dir.resolve("stderr.txt")))
                .isZero();
        return printed;
    }

    private static Path readme() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("README.md above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir.resolve("README.md");
    }
}
