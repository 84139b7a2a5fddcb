package dev.gridservices.device;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridservices.testkit.KafkaTestProducer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * enrollment.changed records as enrollment-service's EnrollmentEvents writes them: key = device id, envelope
 * version 1, tenant = the utility, aggregateVersion = sequence, payload = the enrollment's whole state.
 */
final class Enrollments {

    static final String TOPIC = "enrollment.changed";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Enrollments() {
    }

    /** One enrollment of a device in a utility's program; each {@link #record} is its state at one sequence. */
    record Enrollment(String enrollmentId, String deviceId, String venId, String oem, String utility, String programId,
                      String openadrProgramId) {

        static Enrollment of(String deviceId, String venId, String oem, String utility, String programId,
                             String openadrProgramId) {
            return new Enrollment("enr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), deviceId,
                    venId, oem, utility, programId, openadrProgramId);
        }

        String record(String envelopeId, long sequence, String state, boolean ended) {
            String type = sequence == 1 ? "enrollment.created" : ended ? "enrollment.ended" : "enrollment.updated";
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            ObjectNode p = MAPPER.createObjectNode()
                    .put("enrollmentId", enrollmentId).put("kind", "direct").put("sequence", sequence)
                    .put("state", state).putNull("stateReason").put("eligibilityStatus", "APPROVED")
                    .putNull("eligibilityReason").put("programId", programId).put("openadrProgramId", openadrProgramId)
                    .put("programInstanceId", "pi_" + programId).put("utilityOrganizationId", utility)
                    .put("oemOrganizationId", oem).put("venId", venId).put("deviceId", deviceId)
                    .put("resourceName", "res-" + deviceId).put("deviceType", "battery").put("siteId", "site_x")
                    .put("ended", ended);
            if (ended) {
                p.put("endedAt", now.toString());
            } else {
                p.putNull("endedAt");
            }
            p.put("cause", "test").put("actor", "test").putArray("transitions");
            p.put("changedAt", now.toString());
            ObjectNode envelope = MAPPER.createObjectNode().put("id", envelopeId).put("type", type).put("version", 1)
                    .put("occurredAt", now.toInstant().toString()).put("tenant", utility).put("aggregateVersion", sequence);
            envelope.set("payload", p);
            return envelope.toString();
        }

        String record(long sequence, String state, boolean ended) {
            return record(UUID.randomUUID().toString(), sequence, state, ended);
        }

        void send(long sequence, String state, boolean ended) {
            KafkaTestProducer.send(TOPIC, deviceId, record(sequence, state, ended));
        }
    }

    static void send(String key, String... records) {
        KafkaTestProducer.send(TOPIC, key, records);
    }
}
