package dev.gridservices.telemetry.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local read model of dispatch-service's {@code event.changed} records on {@code events.dispatched}:
 * which events exist and which VENs they reach, so that a report's {@code eventID} is checked without
 * asking dispatch-service.
 */
@ApplicationScoped
public class EventDirectory {

    /**
     * One event: its program, the utility organization that owns it, and the VENs it reaches as
     * dispatch-service resolved them (targets naming the VEN, its venName, its devices or resource names,
     * or no targets at all, each within the program's dispatchable enrollments).
     */
    public record Event(String eventId, String programId, String organizationId, Set<String> venIds) {

        public boolean reaches(String venId) {
            return venIds.contains(venId);
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
