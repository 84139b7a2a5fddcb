package dev.gridservices.telemetry;

import dev.gridservices.testkit.KafkaTestProducer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/**
 * Puts a VEN's device on {@code devices.changed} and an event reaching that VEN on {@code events.dispatched}
 * before the suite's Quarkus application starts (test resources start first; Kafka is the shared one), so
 * the one boot of the suite is a start on topics that already hold records, as every restart in production
 * is. {@link StartOnExistingRecordsTest} checks what the service made of them. The ids are constants: the
 * embedded broker lives as long as the test JVM, and a resource and a test may see different class loaders.
 */
public class PrebootRecordsResource implements QuarkusTestResourceLifecycleManager {

    static final String ORGANIZATION = "org_preboot";
    static final String VEN = "ven_preboot";
    static final String DEVICE = "res_preboot";
    static final String RESOURCE_NAME = "PREBOOT-1";
    static final String EVENT = "evt_preboot";
    static final String PROGRAM = "prg_preboot";
    static final String UTILITY = "org_preboot_utility";

    @Override
    public Map<String, String> start() {
        // Sent again before a later boot of the same JVM (a test profile): the same snapshots, applied alike.
        Fixtures.announceResource(DEVICE, RESOURCE_NAME, VEN, ORGANIZATION, "BATTERY");
        KafkaTestProducer.send("events.dispatched", EVENT,
                Fixtures.eventChanged(EVENT, PROGRAM, UTILITY, "CREATE", List.of(VEN), List.of(VEN)));
        return Map.of();
    }

    @Override
    public void stop() {
        // The records stay: they are what the next boot starts on.
    }
}
