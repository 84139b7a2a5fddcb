package dev.gridservices.telemetry.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridservices.openadr.telemetry.TelemetryReading;
import dev.gridservices.telemetry.repository.ReadingRepository;
import dev.gridservices.telemetry.service.Reading;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The telemetry.raw record written as bytes by hand is the envelope the consumers read (every field, escaping,
 * value kinds), and the history writer's streaming read of it gives back the row it stood for.
 */
class EnvelopeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Reading reading(Map<String, Object> payloads) {
        return new Reading("res_\"quoted\"", "ven_é", "org_\u2603\n", "BATTERY", Instant.parse("2026-12-01T09:00:00.120Z"),
                "PT5M", payloads);
    }

    private static Map<String, Object> payloads() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("STORAGE_CHARGE_LEVEL", 85L);
        p.put("x-telemetry:CHARGE_RATE", -2.5);
        p.put("x-telemetry:HUGE", Double.POSITIVE_INFINITY);
        p.put("x-telemetry:CHARGING_STATE", "CHARGING \\ \"now\" \u0001");
        p.put("x-telemetry:FLAG", Boolean.FALSE);
        p.put("x-telemetry:MODES", List.of("A", "B\tC"));
        p.put("x-telemetry:NONE", null);
        return p;
    }

    @Test
    void theEnvelopeCarriesEveryFieldEscapedAndTyped() throws Exception {
        Instant received = Instant.parse("2026-12-01T09:00:01.5Z");
        JsonNode envelope = MAPPER.readTree(ReadingPublisher.envelope(reading(payloads()), "rpt_1", "evt_1", null,
                received));

        ObjectNode expectedPayloads = MAPPER.createObjectNode().put("STORAGE_CHARGE_LEVEL", 85)
                .put("x-telemetry:CHARGE_RATE", -2.5).put("x-telemetry:HUGE", "Infinity")
                .put("x-telemetry:CHARGING_STATE", "CHARGING \\ \"now\" \u0001").put("x-telemetry:FLAG", false);
        expectedPayloads.putArray("x-telemetry:MODES").add("A").add("B\tC");
        expectedPayloads.putNull("x-telemetry:NONE");
        ObjectNode payload = MAPPER.createObjectNode().put("deviceId", "res_\"quoted\"").put("venId", "ven_é")
                .put("organizationId", "org_\u2603\n").put("deviceType", "BATTERY").put("start", "2026-12-01T09:00:00.120Z")
                .put("duration", "PT5M").put("eventId", "evt_1").putNull("programId").put("reportId", "rpt_1");
        payload.set("payloads", expectedPayloads);
        payload.put("receivedAt", "2026-12-01T09:00:01.500Z");

        assertThat(envelope.get("type").asText()).isEqualTo(TelemetryReading.ENVELOPE_TYPE);
        assertThat(envelope.get("version").asInt()).isEqualTo(TelemetryReading.ENVELOPE_VERSION);
        assertThat(envelope.get("occurredAt").asText()).isEqualTo("2026-12-01T09:00:01.500Z");
        assertThat(envelope.get("tenant").asText()).isEqualTo("org_\u2603\n");
        assertThat(envelope.get("payload")).isEqualTo(payload);
        UUID id = UUID.fromString(envelope.get("id").asText());
        assertThat(id.version()).isEqualTo(4);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.toString()).isEqualTo(envelope.get("id").asText());
        assertThat(envelope.size()).isEqualTo(6);
    }

    @Test
    void theHistoryWriterReadsTheRowBack() throws Exception {
        Instant received = Instant.parse("2026-12-01T09:00:01Z");
        ReadingRepository.Row row = HistoryWriter.row(ReadingPublisher.envelope(reading(payloads()), "rpt_1", null,
                "prg_1", received));

        assertThat(row.deviceId()).isEqualTo("res_\"quoted\"");
        assertThat(row.start()).isEqualTo(Instant.parse("2026-12-01T09:00:00.120Z"));
        assertThat(row.duration()).isEqualTo("PT5M");
        assertThat(row.organizationId()).isEqualTo("org_\u2603\n");
        assertThat(row.venId()).isEqualTo("ven_é");
        assertThat(row.deviceType()).isEqualTo("BATTERY");
        assertThat(row.eventId()).isNull();
        assertThat(row.programId()).isEqualTo("prg_1");
        assertThat(row.reportId()).isEqualTo("rpt_1");
        assertThat(row.receivedAt()).isEqualTo(received);
        assertThat(MAPPER.readTree(row.payloadsJson()).get("x-telemetry:MODES").get(1).asText()).isEqualTo("B\tC");
        assertThat(MAPPER.readTree(row.payloadsJson()).size()).isEqualTo(7);
    }

    @Test
    void aRecordOfAnotherTypeIsNoRow() throws Exception {
        assertThat(HistoryWriter.row("""
                {"id":"x","type":"telemetry.other","payload":{"deviceId":"res_1"}}""".getBytes())).isNull();
    }
}
