package dev.gridservices.telemetry.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import dev.gridservices.telemetry.config.TelemetryConfig;
import dev.gridservices.telemetry.service.DeviceDirectory;
import dev.gridservices.telemetry.service.ReportRejectedException;
import dev.gridservices.telemetry.service.ReportService;
import dev.gridservices.telemetry.service.ReportValidator;
import dev.gridservices.telemetry.service.Violation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * MQTT ingest (Direct API §9.2): reports published on {@code texture/v2/{venID}/reports} or
 * {@code texture/v2/{venID}/reports/{resourceName}} (QoS 1) go through the same path as POST /v2/reports.
 * The topic's venID is the sender (the broker lets a VEN publish only under its own prefix), so every
 * resource must belong to it; a resource topic admits only that resource. A refused message is logged
 * with its reason, counted, and answered on {@code texture/v2/{venID}/reports/errors}.
 * <p>
 * Replicas subscribe through the shared subscription {@code $share/telemetry-ingest/…}, so the broker
 * hands each message to one of them. Messages are acknowledged (PUBACK) only after the report was
 * accepted or refused; when Kafka is unavailable the message stays unacknowledged and the broker
 * redelivers it after the reconnect.
 */
@ApplicationScoped
public class MqttIngest {

    private static final Logger LOG = Logger.getLogger(MqttIngest.class);
    private static final String PREFIX = "texture/v2/";
    private static final int SUBACK_FAILURE = 0x80;

    private final Vertx vertx;
    private final ReportService reports;
    private final DeviceDirectory devices;
    private final ObjectMapper mapper;
    private final TelemetryConfig.Mqtt config;
    private final MeterRegistry registry;
    private final ReadModelCatchUp catchUp;
    private volatile MqttClient client;
    private volatile Context context;
    private volatile boolean running;
    private volatile boolean subscribed;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();

    public MqttIngest(Vertx vertx, ReportService reports, DeviceDirectory devices, ObjectMapper mapper,
                      TelemetryConfig config, MeterRegistry registry, ReadModelCatchUp catchUp) {
        this.vertx = vertx;
        this.reports = reports;
        this.devices = devices;
        this.mapper = mapper;
        this.config = config.mqtt();
        this.registry = registry;
        this.catchUp = catchUp;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        context = vertx.getOrCreateContext();
        // Subscribed only once the read models caught up: a queued report taken earlier would be refused as
        // naming an unknown resource (and acknowledged, so lost).
        catchUp.whenCaughtUp(() -> context.runOnContext(v -> {
            if (running) {
                connect();
            }
        }));
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        MqttClient c = client;
        if (c != null && c.isConnected()) {
            c.disconnect();
        }
    }

    /** Whether the subscription is in place (tests wait for it). */
    public boolean isSubscribed() {
        MqttClient c = client;
        return c != null && c.isConnected() && subscribed;
    }

    /** Report messages this replica took from the broker (with a shared subscription: its share). */
    public long reportsReceived() {
        return received.get();
    }

    /** Report messages this replica is done with: accepted, refused, or left unacknowledged for redelivery. */
    public long reportsCompleted() {
        return completed.get();
    }

    private void connect() {
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(config.clientIdPrefix() + "-" + UUID.randomUUID())
                .setCleanSession(true)
                .setAutoKeepAlive(true)
                .setKeepAliveInterval(60)
                .setMaxInflightQueue(100)
                .setMaxMessageSize(config.maxMessageSize());
        options.setAutoAck(false);
        config.username().ifPresent(options::setUsername);
        config.password().ifPresent(options::setPassword);
        MqttClient c = MqttClient.create(vertx, options);
        client = c;
        c.publishHandler(this::onMessage);
        c.closeHandler(v -> {
            subscribed = false;
            retry();
        });
        // The subscription holds only if the broker granted it: a SUBACK may carry the failure code 0x80
        // (e.g. the broker's ACL refused the filter) although the SUBSCRIBE itself went through.
        c.subscribeCompletionHandler(suback -> {
            if (suback.grantedQoSLevels().contains(SUBACK_FAILURE)) {
                subscribed = false;
                LOG.errorf("MQTT ingest: the broker refused the subscription %s", config.topicFilter());
            } else {
                subscribed = true;
                LOG.infof("MQTT ingest subscribed to %s at %s:%d", config.topicFilter(), config.host(), config.port());
            }
        });
        c.connect(config.port(), config.host()).onSuccess(ack -> c.subscribe(config.topicFilter(), MqttQoS.AT_LEAST_ONCE.value())
                .onFailure(e -> LOG.errorf("MQTT ingest could not subscribe to %s: %s", config.topicFilter(), e.getMessage())))
                .onFailure(e -> {
                    LOG.warnf("MQTT ingest could not connect to %s:%d (%s); retrying", config.host(), config.port(), e.getMessage());
                    retry();
                });
    }

    private void retry() {
        if (running) {
            vertx.setTimer(2_000, id -> context.runOnContext(v -> connect()));
        }
    }

    private void onMessage(MqttPublishMessage message) {
        String topic = message.topicName();
        String[] levels = topic.startsWith(PREFIX) ? topic.substring(PREFIX.length()).split("/", -1) : new String[0];
        if (levels.length == 3 && "errors".equals(levels[2])) {
            // Our own answers on texture/v2/{venID}/reports/errors match the wildcard too.
            message.ack();
            return;
        }
        if (levels.length < 2 || levels.length > 3 || !"reports".equals(levels[1]) || levels[0].isEmpty()) {
            count("rejected");
            LOG.warnf("MQTT ingest: ignored a message on %s (not a reports topic)", topic);
            message.ack();
            return;
        }
        String venId = levels[0];
        String resourceName = levels.length == 3 ? levels[2] : null;
        byte[] body = message.payload().getBytes();
        received.incrementAndGet();
        vertx.executeBlocking(() -> {
            ingest(venId, resourceName, body);
            return null;
        }, false).onComplete(result -> context.runOnContext(v -> {
            if (result.succeeded() || !(result.cause() instanceof Unavailable)) {
                message.ack();
            }
            completed.incrementAndGet();
        }));
    }

    /** Kafka could not take the readings: the message must not be acknowledged. */
    private static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    private void ingest(String venId, String resourceName, byte[] body) {
        String organizationId = devices.organizationOfVen(venId).orElse(null);
        ReportValidator.Sender sender = new ReportValidator.Sender(venId, organizationId, resourceName);
        try {
            reports.create(sender, "mqtt:" + venId, body, "mqtt");
            count("accepted");
        } catch (ReportRejectedException e) {
            refuse(venId, 400, e.getMessage(), e.violations());
        } catch (ProblemException e) {
            if (e.type() == ProblemType.SERVICE_UNAVAILABLE) {
                count("failed");
                LOG.warnf("MQTT ingest: report of VEN %s not acknowledged, Kafka unavailable", venId);
                throw new Unavailable(e.getMessage());
            }
            refuse(venId, e.type().status(), e.getMessage(), List.of());
        } catch (RuntimeException e) {
            count("failed");
            LOG.error("MQTT ingest: report of VEN " + venId + " failed", e);
            refuse(venId, 500, "The report could not be processed", List.of());
        }
    }

    private void refuse(String venId, int status, String detail, List<Violation> violations) {
        count("rejected");
        LOG.infof("MQTT ingest: refused a report of VEN %s: %s", venId, detail);
        ObjectNode error = mapper.createObjectNode();
        error.put("status", status);
        error.put("detail", detail);
        ArrayNode errors = error.putArray("errors");
        for (Violation v : violations) {
            errors.addObject().put("field", v.field()).put("rule", v.rule()).put("message", v.message());
        }
        error.put("receivedAt", Instant.now().toString());
        String topic = PREFIX + venId + "/reports/errors";
        context.runOnContext(v -> client.publish(topic, Buffer.buffer(error.toString()), MqttQoS.AT_LEAST_ONCE, false, false)
                .onFailure(e -> LOG.warnf("MQTT ingest: could not publish to %s: %s", topic, e.getMessage())));
    }

    private void count(String outcome) {
        Counter.builder("telemetry.mqtt.messages").tag("outcome", outcome).register(registry).increment();
    }
}
