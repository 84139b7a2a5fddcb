package dev.gridservices.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridservices.telemetry.messaging.CatchUpHook;
import dev.gridservices.telemetry.messaging.ReadModelConsumers;
import dev.gridservices.telemetry.service.DeviceDirectory;
import dev.gridservices.telemetry.service.EventDirectory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The events.dispatched read model against the records dispatch-service's EventFanout really writes:
 * event.changed (key = event id) and one event.dispatched per reached VEN (key = VEN id).
 */
class EventsReadModelTest {

    private final EventDirectory events = new EventDirectory();
    private final ReadModelConsumers consumers =
            new ReadModelConsumers(new ObjectMapper().findAndRegisterModules(), new DeviceDirectory(), events,
                    CatchUpHook.unstarted());

    @Test
    void eventChangedIsUpsertedWithItsReachedVensAndUtilityAndDeleteRemovesIt() {
        consumers.onEvent(Fixtures.eventChanged("evt_1", "prg_1", "org_utility", "CREATE",
                List.of("ven_a", "ven_b"), List.of("BAT-1", "ven_b")));
        assertThat(events.find("evt_1")).get().satisfies(e -> {
            assertThat(e.programId()).isEqualTo("prg_1");
            assertThat(e.organizationId()).isEqualTo("org_utility");
            assertThat(e.reaches("ven_a")).isTrue();
            assertThat(e.reaches("ven_b")).isTrue();
            assertThat(e.reaches("ven_c")).isFalse();
        });

        // Targets are re-resolved at every change: an UPDATE replaces the reached VENs.
        consumers.onEvent(Fixtures.eventChanged("evt_1", "prg_1", "org_utility", "UPDATE",
                List.of("ven_b"), List.of("ven_b")));
        assertThat(events.find("evt_1")).get().satisfies(e -> {
            assertThat(e.reaches("ven_a")).isFalse();
            assertThat(e.reaches("ven_b")).isTrue();
        });

        consumers.onEvent(Fixtures.eventChanged("evt_1", "prg_1", "org_utility", "DELETE",
                List.of("ven_b"), List.of("ven_b")));
        assertThat(events.find("evt_1")).isEmpty();
    }

    @Test
    void perVenDispatchedRecordsAndUnreadableOnesAreSkipped() {
        consumers.onEvent(Fixtures.eventDispatched("ven_a", "evt_2", "prg_1", "org_utility", "CREATE",
                List.of("ven_a")));
        consumers.onEvent(Fixtures.envelope("event.changed", "org_utility", "{\"programID\":\"prg_1\"}"));
        consumers.onEvent("not json");
        // A later readable record is applied: the skipped ones did not stop the consumer.
        consumers.onEvent(Fixtures.eventChanged("evt_3", "prg_1", "org_utility", "CREATE", List.of("ven_a"),
                List.of()));
        assertThat(events.find("evt_3")).isPresent();
        assertThat(events.find("evt_2")).isEmpty();
    }
}
