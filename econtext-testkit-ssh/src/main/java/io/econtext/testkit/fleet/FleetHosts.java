package io.econtext.testkit.fleet;

import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names of a fleet's virtual hosts, {@code host-0001} ... {@code host-NNNN} (at least four digits, more when the
 * fleet is larger), as an immutable list that computes its elements; and the faults file's format, one {@code host
 * fault} per line ({@link FleetFault#toString()}).
 */
final class FleetHosts extends AbstractList<String> {
    static final String PREFIX = "host-";

    private final int count;
    private final int digits;

    FleetHosts(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("hosts : " + count + " (expected: >= 1)");
        }
        this.count = count;
        this.digits = Math.max(4, Integer.toString(count).length());
    }

    /** The name of host {@code index} (1-based). */
    static String name(int index, int digits) {
        String n = Integer.toString(index);
        return PREFIX + "0".repeat(Math.max(0, digits - n.length())) + n;
    }

    @Override
    public String get(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("host index " + i + " of " + count);
        }
        return name(i + 1, digits);
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public boolean contains(Object o) {
        if (!(o instanceof String s) || s.length() != PREFIX.length() + digits || !s.startsWith(PREFIX)) {
            return false;
        }
        try {
            int index = Integer.parseInt(s.substring(PREFIX.length()));
            return index >= 1 && index <= count && name(index, digits).equals(s);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String writeFaults(Map<String, FleetFault> faults) {
        StringBuilder b = new StringBuilder();
        faults.forEach((host, fault) -> b.append(host).append(' ').append(fault).append('\n'));
        return b.toString();
    }

    static Map<String, FleetFault> readFaults(List<String> lines) {
        Map<String, FleetFault> faults = new LinkedHashMap<>();
        for (String line : lines) {
            String l = line.trim();
            if (l.isEmpty()) {
                continue;
            }
            int space = l.indexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException("faults line : '" + line + "' (expected: HOST FAULT)");
            }
            faults.put(l.substring(0, space), FleetFault.parse(l.substring(space + 1)));
        }
        return faults;
    }
}
