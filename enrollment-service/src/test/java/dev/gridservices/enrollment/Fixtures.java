package dev.gridservices.enrollment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.testkit.Infrastructure;
import dev.gridservices.testkit.KafkaTestConsumer;
import dev.gridservices.testkit.KafkaTestProducer;
import dev.gridservices.testkit.auth.TestCredentials;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Test vocabulary: organizations, callers, and the records other services publish (programs.changed,
 * devices.changed), produced on the real broker. {@link #publish} returns once this service has applied the
 * record (its id is in the inbox), read with plain JDBC.
 */
public final class Fixtures {

    static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();
    private static final Map<String, String> KEYS = new ConcurrentHashMap<>();

    private Fixtures() {
    }

    public static String newId(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification utility(String org) {
        String key = KEYS.computeIfAbsent(org, TestCredentials::serverApiKey);
        return given().header("Texture-Api-Key", key).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public static RequestSpecification oem(String org) {
        return given().auth().oauth2(TestCredentials.oemBearer(org, "write_vens")).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    static RequestSpecification ven(String org, String venId) {
        return given().auth().oauth2(TestCredentials.bearerForVen(org, venId, "write_vens"))
                .contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public static String envelope(String type, String tenant, Object payload, Instant occurredAt) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("id", UUID.randomUUID().toString());
        env.put("type", type);
        env.put("version", 1);
        env.put("occurredAt", occurredAt.toString());
        env.put("tenant", tenant);
        env.put("payload", payload);
        try {
            return MAPPER.writeValueAsString(env);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a record and waits until the service applied it. */
    public static void publish(String topic, String key, String envelope) {
        KafkaTestProducer.send(topic, key, envelope);
        String id;
        try {
            id = MAPPER.readTree(envelope).path("id").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        awaitInbox(UUID.fromString(id));
    }

    public static void awaitInbox(UUID id) {
        Instant deadline = Instant.now().plusSeconds(30);
        try (Connection c = DriverManager.getConnection(Infrastructure.postgres().jdbcUrl(),
                Infrastructure.postgres().username(), "")) {
            PreparedStatement s = c.prepareStatement("select 1 from inbox_message where message_id = ?");
            s.setObject(1, id);
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("message " + id + " was not applied within 30 s");
    }

    /** Runs one SQL statement against the service's database, for what the API must never do. */
    static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(Infrastructure.postgres().jdbcUrl(),
                Infrastructure.postgres().username(), "")) {
            c.createStatement().execute(statement);
        }
    }

    public static String program(String programOrg, String visibility, String programType) {
        String programId = newId("prg");
        Map<String, Object> p = new HashMap<>();
        p.put("programId", programId);
        p.put("slug", programId);
        p.put("openadrProgramId", programId);
        p.put("name", "Program " + programId);
        p.put("active", true);
        p.put("visibility", visibility);
        p.put("organizationId", programOrg);
        p.put("states", List.of("NY"));
        p.put("programType", programType);
        p.put("updatedAt", OffsetDateTime.now().toString());
        publish("programs.changed", programId, envelope("program.created", programOrg, p, Instant.now()));
        return programId;
    }

    public static String instance(String utilityOrg, String programId, String status, Object criteria) {
        String instanceId = newId("ins");
        instanceUpdate("programInstance.created", utilityOrg, programId, instanceId, status, criteria,
                OffsetDateTime.now());
        return instanceId;
    }

    static void instanceUpdate(String type, String utilityOrg, String programId, String instanceId, String status,
                               Object criteria, OffsetDateTime updatedAt) {
        Map<String, Object> p = new HashMap<>();
        p.put("instanceId", instanceId);
        p.put("programId", programId);
        p.put("programSlug", programId);
        p.put("openadrProgramId", programId);
        p.put("organizationId", utilityOrg);
        p.put("status", status);
        p.put("acceptingEnrollments", "active".equals(status));
        p.put("programActive", true);
        p.put("states", List.of("NY"));
        p.put("eligibilityCriteria", criteria);
        p.put("updatedAt", updatedAt.toString());
        publish("programs.changed", programId, envelope(type, utilityOrg, p, Instant.now()));
    }

    /**
     * programOffers.changed as programs-service publishes it: the program's whole current offer set, by its
     * owning organization.
     */
    public static void offer(String ownerOrg, String programId, List<String> organizationIds, boolean allOems) {
        Map<String, Object> p = new HashMap<>();
        p.put("programId", programId);
        p.put("slug", programId);
        p.put("organizationId", ownerOrg);
        p.put("visibility", "private");
        p.put("allOems", allOems);
        p.put("organizationIds", organizationIds);
        p.put("updatedAt", OffsetDateTime.now().toString());
        publish("programs.changed", programId, envelope("programOffers.changed", ownerOrg, p, Instant.now()));
    }

    public static String site(String oemOrg, String state, String outcome, String utilityId) {
        String siteId = newId("site_");
        siteUpdate("site.created", oemOrg, siteId, state, outcome, utilityId, Instant.now());
        return siteId;
    }

    /** site.* as device-service publishes it (DeviceEvents.SiteChanged): a flat full snapshot. */
    static void siteUpdate(String type, String oemOrg, String siteId, String state, String outcome, String utilityId,
                           Instant at) {
        Map<String, Object> p = new HashMap<>();
        p.put("siteId", siteId);
        p.put("organizationId", oemOrg);
        p.put("workspaceId", null);
        p.put("venId", null);
        p.put("customerId", null);
        p.put("state", state);
        p.put("postalCode", "10001");
        p.put("latitude", 40.75);
        p.put("longitude", -73.99);
        p.put("timezone", "America/New_York");
        p.put("territoryOutcome", outcome);
        p.put("utilityId", utilityId);
        p.put("utilityEiaId", null);
        p.put("utilityName", utilityId == null ? null : "Utility " + utilityId);
        p.put("ccaName", null);
        p.put("iso", "NYISO");
        p.put("programEligible", "matched".equals(outcome));
        p.put("deleted", type.endsWith(".deleted"));
        p.put("updatedAt", at.toString());
        publish("devices.changed", siteId, envelope(type, oemOrg, p, at));
    }

    /** A battery (device type BATTERY / type battery) whose connectivity is "online" or "lost". */
    static String resource(String oemOrg, String venId, String siteId, String connectivity) {
        String id = newId("dev_");
        resourceUpdate("device.created", oemOrg, venId, id, siteId, connectivity, Instant.now());
        return id;
    }

    /** device.* as device-service publishes it (DeviceEvents.DeviceChanged): a full snapshot, no capacity. */
    static void resourceUpdate(String type, String oemOrg, String venId, String id, String siteId, String connectivity,
                               Instant at) {
        publish("devices.changed", id, envelope(type, oemOrg, device(type, oemOrg, venId, id, siteId, connectivity, at),
                at));
    }

    public static Map<String, Object> device(String type, String oemOrg, String venId, String id, String siteId,
                                      String connectivity, Instant at) {
        boolean lost = "lost".equals(connectivity);
        Map<String, Object> p = new HashMap<>();
        p.put("deviceId", id);
        p.put("resourceName", "name-" + id);
        p.put("venId", venId);
        p.put("organizationId", oemOrg);
        p.put("workspaceId", null);
        p.put("siteId", siteId);
        p.put("deviceType", "BATTERY");
        p.put("type", "battery");
        p.put("manufacturer", "Acme");
        p.put("manufacturerDeviceId", "acme-" + id);
        p.put("model", "PW3");
        p.put("serialNumber", "SN-" + id);
        p.put("targets", List.of());
        p.put("tags", List.of());
        p.put("connectivityLost", lost);
        p.put("connectivityLostAt", lost ? at.toString() : null);
        p.put("lastSeen", lost ? null : at.toString());
        p.put("deleted", type.endsWith(".deleted"));
        p.put("updatedAt", at.toString());
        return p;
    }

    public static Map<String, Object> consent(Instant timestamp) {
        Map<String, Object> c = new HashMap<>();
        c.put("optIn", true);
        c.put("timestamp", timestamp.toString());
        c.put("source", "device_app");
        c.put("termsVersion", "v3.2");
        c.put("scope", List.of("demand_response"));
        return c;
    }

    public static Map<String, Object> enrollment(String resourceId, String siteId, String programId, Map<String, Object> consent) {
        Map<String, Object> body = new HashMap<>();
        body.put("resourceID", resourceId);
        body.put("siteID", siteId);
        body.put("programID", programId);
        body.put("consent", consent);
        return body;
    }

    /**
     * The enrollment.changed records of one enrollment, up to (and including) the one with that sequence: read
     * until that record arrived and on to the end of the topic, so a duplicate already published is seen too.
     */
    static List<JsonNode> changes(String enrollmentId, long sequence) {
        List<ConsumerRecord<String, String>> records = KafkaTestConsumer.untilMarker("enrollment.changed",
                r -> enrollmentId.equals(read(r.value()).path("payload").path("enrollmentId").asText()),
                r -> {
                    JsonNode p = read(r.value()).path("payload");
                    return enrollmentId.equals(p.path("enrollmentId").asText())
                            && p.path("sequence").asLong() >= sequence;
                }, Duration.ofSeconds(20));
        List<JsonNode> found = records.stream().map(r -> read(r.value()))
                .filter(env -> env.path("payload").path("sequence").asLong() <= sequence).toList();
        assertThat(found).as("enrollment.changed for %s up to sequence %d", enrollmentId, sequence).isNotEmpty();
        return found;
    }

    static JsonNode latest(String enrollmentId, long sequence) {
        List<JsonNode> all = changes(enrollmentId, sequence);
        return all.get(all.size() - 1);
    }

    static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
