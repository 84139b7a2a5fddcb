package dev.gridservices.telemetry.messaging;

import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import dev.gridservices.telemetry.config.TelemetryConfig;
import dev.gridservices.telemetry.service.CatchUpProgress;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The catch-up gate of the in-memory read models: every replica re-reads {@code devices.changed} and
 * {@code events.dispatched} from the start, and until it has applied what was on them at start-up, a known
 * device would look unknown. So until then reports are answered 503 (not 400), readiness is DOWN and MQTT
 * ingest is not subscribed. The end offsets are read once at start-up, off the start-up thread and retried
 * while the broker is unreachable.
 * <p>
 * After start-up the read models trail their topics by a consumer poll: a VEN that answers an event the moment
 * its notification arrives, or reports for a resource it has just created, can be faster than the record that
 * announces it. {@link #awaitCurrent} closes that window for a report naming something unknown.
 */
@ApplicationScoped
public class ReadModelCatchUp {

    static final String DEVICES = "devices.changed";
    static final String EVENTS = "events.dispatched";
    private static final Logger LOG = Logger.getLogger(ReadModelCatchUp.class);

    private final String bootstrapServers;
    private final int retryAfterSeconds;
    private final CatchUpProgress progress = new CatchUpProgress();
    private final AtomicBoolean open = new AtomicBoolean();
    private final List<Runnable> onCaughtUp = new CopyOnWriteArrayList<>();
    private final long startedNanos = System.nanoTime();
    private final Duration awaitTimeout;
    private final Counter waitedCurrent;
    private final Counter waitedBehind;
    private volatile boolean opened;
    private volatile Map<String, Long> recordsAtStart = Map.of();
    private ScheduledExecutorService reader;
    // One end-offset lookup at a time, shared by every caller that arrived before it started.
    private final Object lookup = new Object();
    private KafkaConsumer<byte[], byte[]> lookupConsumer;
    private long lookupStartedNanos;
    private Map<CatchUpProgress.Partition, Long> lookedUpEnds;

    @Inject
    public ReadModelCatchUp(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                            TelemetryConfig config, MeterRegistry registry) {
        this(bootstrapServers, config.readModels().retryAfterSeconds(), config.readModels().awaitTimeout(), registry);
    }

    ReadModelCatchUp(String bootstrapServers, int retryAfterSeconds, Duration awaitTimeout, MeterRegistry registry) {
        this.bootstrapServers = bootstrapServers;
        this.retryAfterSeconds = retryAfterSeconds;
        this.awaitTimeout = awaitTimeout;
        String description = "reports that named an unknown resource or event and waited for the read models";
        this.waitedCurrent = Counter.builder("telemetry.read.models.waits").tag("outcome", "current")
                .description(description).register(registry);
        this.waitedBehind = Counter.builder("telemetry.read.models.waits").tag("outcome", "behind")
                .description(description).register(registry);
        Gauge.builder("telemetry.read.models.waiting", progress, CatchUpProgress::waiting)
                .description("reports waiting for the read models now").register(registry);
    }

    void start(@Observes StartupEvent event) {
        reader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "read-model-catch-up");
            t.setDaemon(true);
            return t;
        });
        reader.execute(this::readEndOffsets);
    }

    void stop(@Observes ShutdownEvent event) {
        if (reader != null) {
            reader.shutdownNow();
        }
        synchronized (lookup) {
            if (lookupConsumer != null) {
                lookupConsumer.close(Duration.ofSeconds(1));
                lookupConsumer = null;
            }
        }
    }

    /**
     * Waits (at most {@code telemetry.read-models.await-timeout}) until the read models have applied every record
     * that is on their topics now, and answers whether they have: then an unknown resource or event really is
     * unknown. False also when Kafka cannot say where its topics end.
     */
    public boolean awaitCurrent() {
        long arrived = System.nanoTime();
        long deadline = arrived + awaitTimeout.toNanos();
        boolean current;
        try {
            current = progress.awaitApplied(endOffsetsLookedUpAfter(arrived), deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current = false;
        } catch (RuntimeException e) {
            LOG.warnf("read models: end offsets of %s and %s unreadable (%s)", DEVICES, EVENTS, e.getMessage());
            current = false;
        }
        (current ? waitedCurrent : waitedBehind).increment();
        return current;
    }

    /** Reports waiting in {@link #awaitCurrent} now. */
    public int waiting() {
        return progress.waiting();
    }

    /** A 503 with Retry-After: the read models could not be brought up to date in time. */
    public ProblemException behind() {
        return new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "Devices and events created a moment ago are "
                + "still being loaded; retry shortly", null, Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    private Map<CatchUpProgress.Partition, Long> endOffsetsLookedUpAfter(long arrivedNanos) {
        synchronized (lookup) {
            if (lookedUpEnds != null && lookupStartedNanos - arrivedNanos >= 0) {
                return lookedUpEnds;
            }
            long started = System.nanoTime();
            if (lookupConsumer == null) {
                lookupConsumer = new KafkaConsumer<>(consumerProperties());
            }
            lookedUpEnds = endOffsets(lookupConsumer, Duration.ofSeconds(1));
            lookupStartedNanos = started;
            return lookedUpEnds;
        }
    }

    /** Whether the read models hold everything that was on their topics at start-up. */
    public boolean isCaughtUp() {
        return opened;
    }

    /**
     * A 503 with Retry-After while the read models are still catching up: the client did nothing wrong, and
     * an ownership check now could refuse a device that exists.
     */
    public void requireCaughtUp() {
        if (!opened) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "The service is starting and still "
                    + "loading devices and events; retry shortly", null,
                    Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
        }
    }

    /** Runs {@code action} once the read models have caught up (at once if they have). */
    public void whenCaughtUp(Runnable action) {
        onCaughtUp.add(action);
        if (opened && onCaughtUp.remove(action)) {
            action.run();
        }
    }

    /** Called by the read-model consumers for every record they applied or skipped. */
    void applied(String topic, int partition, long offset) {
        progress.applied(new CatchUpProgress.Partition(topic, partition), offset);
        check();
    }

    /** Test hook: how many records {@code topic} held when the end offsets were read at start-up. */
    long recordsAtStart(String topic) {
        return recordsAtStart.getOrDefault(topic, 0L);
    }

    /** Test hook: additionally wait for {@code offset} on a partition (closes the gate until it is applied). */
    void expect(String topic, int partition, long offset) {
        progress.expect(Map.of(new CatchUpProgress.Partition(topic, partition), offset + 1));
        opened = progress.caughtUp();
        check();
    }

    private Properties consumerProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return props;
    }

    private static Map<CatchUpProgress.Partition, Long> endOffsets(KafkaConsumer<byte[], byte[]> consumer,
                                                                   Duration timeout) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(DEVICES, EVENTS)) {
            // A topic that does not exist (empty list) has nothing to wait for.
            for (PartitionInfo info : consumer.partitionsFor(topic, timeout)) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        Map<CatchUpProgress.Partition, Long> ends = new HashMap<>();
        consumer.endOffsets(partitions, timeout).forEach((tp, end) ->
                ends.put(new CatchUpProgress.Partition(tp.topic(), tp.partition()), end));
        return ends;
    }

    private void readEndOffsets() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            Map<CatchUpProgress.Partition, Long> ends = endOffsets(consumer, Duration.ofSeconds(5));
            Map<String, Long> perTopic = new HashMap<>();
            ends.forEach((partition, end) -> perTopic.merge(partition.topic(), end, Long::sum));
            recordsAtStart = Map.copyOf(perTopic);
            progress.expect(ends);
            check();
        } catch (RuntimeException e) {
            LOG.warnf("read-model catch-up: end offsets of %s and %s unreadable (%s); retrying", DEVICES, EVENTS,
                    e.getMessage());
            reader.schedule(this::readEndOffsets, 2, TimeUnit.SECONDS);
        }
    }

    private void check() {
        if (!progress.caughtUp()) {
            return;
        }
        opened = true;
        if (open.compareAndSet(false, true)) {
            LOG.infof("read models caught up in %d ms: %d records applied (%d on the topics at start-up)",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos), progress.recordsApplied(),
                    progress.recordsExpected());
        }
        for (Runnable action : onCaughtUp) {
            if (onCaughtUp.remove(action)) {
                action.run();
            }
        }
    }
}
