package dev.gridservices.device.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridservices.device.messaging.DeviceEvents;
import dev.gridservices.device.repository.Device;
import dev.gridservices.device.repository.DeviceRepository;
import dev.gridservices.kit.json.JsonText;
import dev.gridservices.openadr.telemetry.TelemetryReading;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The latest state of every device: the payloads of its readings merged, per payload type the value of the
 * newest interval {@code start} (an older reading arriving late does not overwrite a newer one), and
 * {@code lastSeen} (the newest {@code receivedAt}). A device silent for longer than
 * {@code device.connectivity.silence} (72 h, Direct API §10.6) is flagged connectivity-lost once; the next
 * reading clears it. Both transitions go out on devices.changed. Callers hold the transaction.
 */
@ApplicationScoped
public class LiveState {

    private static final Logger LOG = Logger.getLogger(LiveState.class);

    private final DeviceRepository devices;
    private final DeviceEvents events;
    private final JsonText json;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Duration silence;

    public LiveState(DeviceRepository devices, DeviceEvents events, JsonText json, ObjectMapper mapper,
                     MeterRegistry registry, Clock clock,
                     @ConfigProperty(name = "device.connectivity.silence", defaultValue = "PT72H") Duration silence) {
        this.devices = devices;
        this.events = events;
        this.json = json;
        this.mapper = mapper;
        this.registry = registry;
        this.clock = clock;
        this.silence = silence;
        // registered at 0 now, not at the first flag (72 h of silence away): the alert and the dashboard panel
        // on devices_connectivity_lost_total have a series to read from the start
        registry.counter("devices.connectivity.lost");
    }

    /** Applies one reading; false when no such device of that organization and VEN exists. */
    public Uni<Boolean> apply(TelemetryReading reading) {
        return devices.findById(reading.deviceId()).flatMap(d -> {
            if (d == null || !d.organizationId.equals(reading.organizationId())
                    || (d.venId != null && !d.venId.equals(reading.venId()))) {
                return Uni.createFrom().item(false);
            }
            ObjectNode state = (ObjectNode) json.read(d.state);
            OffsetDateTime at = OffsetDateTime.parse(reading.start());
            boolean changed = false;
            for (Map.Entry<String, Object> payload : reading.payloads().entrySet()) {
                JsonNode current = state.get(payload.getKey());
                // Per payload type, so a late reading still fills in types a newer one did not carry.
                if (current == null || !current.hasNonNull("at")
                        || !OffsetDateTime.parse(current.get("at").asText()).isAfter(at)) {
                    ObjectNode entry = mapper.createObjectNode();
                    entry.set("value", mapper.valueToTree(payload.getValue()));
                    entry.put("at", at.toString());
                    state.set(payload.getKey(), entry);
                    changed = true;
                }
            }
            if (changed) {
                d.state = json.write(state);
                if (Capacity.assess(d, state)) {
                    registry.counter("capacity.updates", "cause", "reading").increment();
                }
            }
            OffsetDateTime seen = reading.receivedAt().atOffset(ZoneOffset.UTC);
            if (d.lastSeen == null || seen.isAfter(d.lastSeen)) {
                d.lastSeen = seen;
            }
            boolean restored = d.connectivityLost;
            if (restored) {
                d.connectivityLost = false;
                d.connectivityLostAt = null;
                d.updatedAt = Times.now(clock);
            }
            Uni<?> announce = restored ? events.device(DeviceEvents.DEVICE_CONNECTIVITY_RESTORED, d)
                    .invoke(() -> LOG.infof("Device %s reports again: connectivity restored", d.id))
                    : Uni.createFrom().voidItem();
            return devices.flush().call(() -> announce).replaceWith(true);
        });
    }

    /** Flags (once) up to {@code batch} devices silent past the limit; returns how many it flagged. */
    public Uni<Integer> flagSilent(int batch) {
        OffsetDateTime now = Times.now(clock);
        return devices.silentSince(now.minus(silence), batch).flatMap(silent -> flag(silent, now));
    }

    private Uni<Integer> flag(List<Device> silent, OffsetDateTime now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Device d : silent) {
            d.connectivityLost = true;
            d.connectivityLostAt = now;
            d.updatedAt = now;
            chain = chain.call(() -> events.device(DeviceEvents.DEVICE_CONNECTIVITY_LOST, d));
        }
        return chain.call(devices::flush).invoke(() -> {
            if (!silent.isEmpty()) {
                registry.counter("devices.connectivity.lost").increment(silent.size());
                LOG.infof("%d device(s) silent for more than %s: connectivity lost", silent.size(), silence);
            }
        }).replaceWith(silent.size());
    }
}
