package io.econtext.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The BOM manages every module of the reactor, at the reactor's version, and nothing else. */
class BomTest {
    @Test
    void managesEveryModuleOfTheReactorAtItsVersion() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        String parent = Files.readString(root.resolve("pom.xml"), StandardCharsets.UTF_8);
        String bom = Files.readString(root.resolve("econtext-bom/pom.xml"), StandardCharsets.UTF_8);
        List<String> modules = all(Pattern.compile("<module>([^<]+)</module>"), parent);
        modules.remove("econtext-bom");
        String managed = bom.substring(bom.indexOf("<dependencyManagement>"));

        assertThat(all(Pattern.compile("<artifactId>([^<]+)</artifactId>"), managed))
                .as("the modules econtext-bom manages")
                .containsExactlyInAnyOrderElementsOf(modules);
        assertThat(first(Pattern.compile("<version>([^<]+)</version>"), bom))
                .as("the BOM's version")
                .isEqualTo(first(Pattern.compile("<version>([^<]+)</version>"), parent));
        assertThat(bom)
                .as("a BOM that inherited the parent would import its dependency management")
                .doesNotContain("<parent>");
    }

    private static List<String> all(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
