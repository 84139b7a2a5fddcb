package dev.gridservices.telemetry.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ingest path's meters (Prometheus at /q/metrics): readings accepted and rejected by reason and
 * transport, report batch size, Kafka acknowledgement latency, and the history writer's lag.
 */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;
    private final DistributionSummary batchSize;
    private final Timer ackLatency;
    private final AtomicLong historyLag = new AtomicLong();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchSize = DistributionSummary.builder("telemetry.report.batch.size")
                .description("readings per accepted report").publishPercentileHistogram().register(registry);
        this.ackLatency = Timer.builder("telemetry.kafka.ack.latency")
                .description("time until Kafka acknowledged every record of a report").publishPercentileHistogram()
                .register(registry);
        registry.gauge("telemetry.history.writer.lag", historyLag);
    }

    public void accepted(String transport, int readings) {
        Counter.builder("telemetry.readings.accepted").tag("transport", transport).register(registry).increment(readings);
        batchSize.record(readings);
    }

    /** A refused report's readings (all of them: batches are refused whole), tagged with the reason. */
    public void rejected(String transport, String reason, int readings) {
        Counter.builder("telemetry.readings.rejected").tag("transport", transport).tag("reason", reason)
                .register(registry).increment(Math.max(1, readings));
    }

    public void ackLatency(long nanos) {
        ackLatency.record(Duration.ofNanos(nanos));
    }

    public void historyLag(long records) {
        historyLag.set(records);
    }
}
