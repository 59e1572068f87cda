package io.econtext.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every host's {@link HostResult} of one fleet operation, in the fleet's host order.
 *
 * <pre>{@code
 * FleetResult<String> r = fleet.call(() -> System.getProperty("os.version"));
 * r.values().forEach((host, v) -> System.out.println(host + ": " + v));
 * r.failures().forEach((host, e) -> System.err.println(host + ": " + e.getMessage()));
 * }</pre>
 */
public final class FleetResult<T> {
    private final List<HostResult<T>> results;

    FleetResult(List<HostResult<T>> results) {
        this.results = List.copyOf(results);
    }

    /** Every host's result, in the fleet's order. */
    public List<HostResult<T>> all() {
        return results;
    }

    /** The values of the hosts that succeeded, by host, in the fleet's order. */
    public Map<String, T> values() {
        Map<String, T> values = new LinkedHashMap<>();
        for (HostResult<T> r : results) {
            if (r.succeeded()) {
                values.put(r.host(), r.value());
            }
        }
        return values;
    }

    /** The failures of the hosts that failed, by host, in the fleet's order. */
    public Map<String, Throwable> failures() {
        Map<String, Throwable> failures = new LinkedHashMap<>();
        for (HostResult<T> r : results) {
            if (!r.succeeded()) {
                failures.put(r.host(), r.failure());
            }
        }
        return failures;
    }

    /** The results of the hosts that failed. */
    public List<HostResult<T>> failed() {
        List<HostResult<T>> failed = new ArrayList<>();
        for (HostResult<T> r : results) {
            if (!r.succeeded()) {
                failed.add(r);
            }
        }
        return failed;
    }

    /** True when no host failed. */
    public boolean allSucceeded() {
        for (HostResult<T> r : results) {
            if (!r.succeeded()) {
                return false;
            }
        }
        return true;
    }

    /** How many hosts answered, either way. */
    public int size() {
        return results.size();
    }

    @Override
    public String toString() {
        return "FleetResult(" + (results.size() - failed().size()) + " succeeded, " + failed().size() + " failed)";
    }
}
