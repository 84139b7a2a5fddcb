package dev.gridservices.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** What the run did: readings sent and acknowledged, request latencies, rejects by reason. */
final class Stats {

    final AtomicLong sent = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Long> rejects = Collections.synchronizedMap(new TreeMap<>());

    void request(int readings, long nanos, String rejectReason) {
        sent.addAndGet(readings);
        latencies.add(nanos);
        if (rejectReason == null) {
            acknowledged.addAndGet(readings);
        } else {
            rejects.merge(rejectReason, (long) readings, Long::sum);
        }
    }

    String progress(double seconds) {
        return String.format("%6.0fs  sent %d  acknowledged %d  (%.0f readings/s)  rejected %d", seconds, sent.get(),
                acknowledged.get(), acknowledged.get() / Math.max(seconds, 0.001), sent.get() - acknowledged.get());
    }

    String summary(double seconds) {
        List<Long> sorted;
        synchronized (latencies) {
            sorted = new ArrayList<>(latencies);
        }
        Collections.sort(sorted);
        StringBuilder s = new StringBuilder();
        s.append(String.format("duration            %.1f s%n", seconds));
        s.append(String.format("readings sent       %d (%.0f/s)%n", sent.get(), sent.get() / seconds));
        s.append(String.format("acknowledged        %d (%.0f/s)%n", acknowledged.get(), acknowledged.get() / seconds));
        s.append(String.format("requests            %d, latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n", sorted.size(),
                quantile(sorted, 0.50), quantile(sorted, 0.95), quantile(sorted, 0.99)));
        synchronized (rejects) {
            if (rejects.isEmpty()) {
                s.append("rejects             none\n");
            } else {
                rejects.forEach((reason, n) -> s.append(String.format("rejected            %d readings: %s%n", n, reason)));
            }
        }
        return s.toString();
    }

    static double quantile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(q * sorted.size()) - 1))) / 1e6;
    }
}
