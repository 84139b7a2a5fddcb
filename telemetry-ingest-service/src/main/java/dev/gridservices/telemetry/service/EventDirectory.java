package dev.gridservices.telemetry.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local read model of {@code events.dispatched}: which events exist and whom they target, so that a
 * report's {@code eventID} is checked without asking dispatch-service.
 */
@ApplicationScoped
public class EventDirectory {

    /** One event: its program, the utility organization that owns it, and its targets. */
    public record Event(String eventId, String programId, String organizationId, Set<String> targetVenIds,
                        Set<String> targetResourceIds) {

        /** Whether the event is addressed to {@code venId} as a whole, or to one of {@code resourceIds}. */
        public boolean targets(String venId, Collection<String> resourceIds) {
            return targetVenIds.contains(venId) || resourceIds.stream().anyMatch(targetResourceIds::contains);
        }
    }

    private final Map<String, Event> events = new ConcurrentHashMap<>();

    public Optional<Event> find(String eventId) {
        return Optional.ofNullable(events.get(eventId));
    }

    public void upsert(Event event) {
        events.put(event.eventId(), event);
    }

    public void remove(String eventId) {
        events.remove(eventId);
    }
}
