package dev.gridservices.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.openadr.payload.DeviceType;
import dev.gridservices.openadr.payload.PayloadRegistry;
import dev.gridservices.testkit.Infrastructure;
import dev.gridservices.testkit.MqttTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FleetSimulatorTest {

    @Test
    void helpAndBadOptions() {
        assertNull(Options.parse("--help"));
        assertTrue(Options.USAGE.contains("--transport"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--token", "t", "--warp", "9"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--devices", "10"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--token", "t", "--rate", "-1"));
        Options o = Options.parse("--token", "t", "--devices", "12", "--transport", "mqtt", "--no-provision");
        assertEquals(12, o.devices());
        assertEquals("mqtt", o.transport());
        assertTrue(!o.provision());
    }

    @Test
    void everyGeneratedReadingKeepsThePayloadRegistrysRules() throws Exception {
        PayloadRegistry registry = PayloadRegistry.standard();
        List<Device> fleet = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            fleet.add(new Device("SIM-" + i, Device.TYPES[i % Device.TYPES.length], i));
        }
        ObjectMapper mapper = new ObjectMapper();
        for (int round = 0; round < 50; round++) {
            JsonNode report = mapper.readTree(FleetSimulator.report("ven_1", fleet, Instant.now()));
            for (JsonNode resource : report.get("resources")) {
                DeviceType type = DeviceType.valueOf(Device.TYPES[Integer.parseInt(
                        resource.get("resourceName").asText().substring(4)) % Device.TYPES.length]);
                Set<String> present = new HashSet<>();
                for (JsonNode payload : resource.at("/intervals/0/payloads")) {
                    String name = payload.get("type").asText();
                    present.add(name);
                    assertEquals(List.of(), registry.validate(type, name, payload.get("values")), type + " " + payload);
                }
                assertEquals(List.of(), registry.missingRequired(type, present), type.name());
            }
        }
    }

    @Test
    void anMqttPublishIsAcknowledgedAndDelivered() throws Exception {
        try (MqttTestClient subscriber = MqttTestClient.connect().subscribe("texture/v2/ven_sim/reports");
             MqttSession publisher = new MqttSession(Infrastructure.mqtt().host(), Infrastructure.mqtt().port(),
                     "ven_sim:test", null, true)) {
            publisher.publish("texture/v2/ven_sim/reports", "{\"x\":1}".getBytes(StandardCharsets.UTF_8));
            long deadline = System.currentTimeMillis() + 10_000;
            while (subscriber.received().isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertEquals("{\"x\":1}", subscriber.received().get(0).payload());
        }
    }

    @Test
    void theClaimOfAToken() {
        String payload = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"ven_id\":\"ven_42\",\"scope\":\"write_reports\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("ven_42", FleetSimulator.claim("h." + payload + ".s", "ven_id"));
        assertNull(FleetSimulator.claim("h." + payload + ".s", "org_id"));
    }
}
