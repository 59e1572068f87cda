package io.econtext.it;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.charset.spi.CharsetProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRulesProvider;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;

/**
 * What a child's JDK does that would run code planted on its class path, run inside the child: every lookup goes
 * through the system class loader, the one that reads {@code java.class.path} (user code runs in the first stage's
 * loader, which would fetch a class of the same name from the master instead).
 */
public final class PlantedLookups {
    private static final String[] SERVICES = {
        "META-INF/services/java.time.zone.ZoneRulesProvider", "META-INF/services/java.nio.charset.spi.CharsetProvider"
    };

    private PlantedLookups() {}

    /** Runs every lookup; returns what each found of the planted code, empty when nothing. */
    public static List<String> run() throws IOException {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        List<String> found = new ArrayList<>();
        try {
            Class.forName(ClassPathAttack.PLANTED_CLASS, true, system);
            found.add("class " + ClassPathAttack.PLANTED_CLASS);
        } catch (ClassNotFoundException expected) {
            // not on the class path
        }
        URL resource = system.getResource(ClassPathAttack.PLANTED_RESOURCE);
        if (resource != null) {
            found.add("resource " + resource);
        }
        for (String service : SERVICES) {
            for (Enumeration<URL> e = system.getResources(service); e.hasMoreElements(); ) {
                found.add("service file " + e.nextElement());
            }
        }
        // the JDK's own triggers: the first time-zone lookup, a charset no built-in provider knows
        LocalDate.now();
        if (ZoneId.getAvailableZoneIds().contains(ClassPathAttack.PLANTED_ZONE)) {
            found.add("zone " + ClassPathAttack.PLANTED_ZONE);
        }
        if (Charset.isSupported("x-econtext-planted")) {
            found.add("charset x-econtext-planted");
        }
        try {
            for (ZoneRulesProvider p : ServiceLoader.load(ZoneRulesProvider.class, system)) {
                planted(p, found);
            }
            for (CharsetProvider p : ServiceLoader.load(CharsetProvider.class, system)) {
                planted(p, found);
            }
        } catch (java.util.ServiceConfigurationError e) {
            found.add("service error " + e.getMessage());
        }
        return found;
    }

    /** Adds {@code provider} to {@code found} unless it is the JDK's own. */
    private static void planted(Object provider, List<String> found) {
        String name = provider.getClass().getName();
        if (name.startsWith(ClassPathAttack.PLANTED_CLASS)) {
            found.add("provider " + name);
        }
    }

    /**
     * Where this JVM's JDK resolved its class path to, as the system class loader reports the first stage's own
     * location: {@code "DIR path"} for a directory, {@code "JAR path"} and {@code "DIR parent"} for a jar; and where the
     * first stage was written, as this JVM's fd 5 names it: {@code "JAR path"} and {@code "JAR path (deleted)"}. Only
     * root (or the child's user) could learn this; the attack uses it as the best-informed attacker would.
     */
    public static List<String> stageLocation() throws IOException {
        URL u = ClassLoader.getSystemResource("EcontextStage1.class");
        List<String> out = new ArrayList<>();
        Path fd = Path.of("/proc/self/fd/5");
        if (Files.isSymbolicLink(fd)) {
            String written = Files.readSymbolicLink(fd).toString();
            out.add("JAR " + written.replaceFirst(" \\(deleted\\)$", ""));
            out.add("JAR " + written);
        }
        if (u == null) {
            return out;
        }
        String s = u.toString();
        if (s.startsWith("jar:file:")) {
            String jar = s.substring("jar:file:".length(), s.indexOf("!/"));
            out.add("DIR " + jar.substring(0, jar.lastIndexOf('/')));
            out.add("JAR " + jar);
        } else if (s.startsWith("file:")) {
            String file = s.substring("file:".length());
            out.add("DIR " + file.substring(0, file.lastIndexOf('/')));
        }
        return out;
    }
}
