package dev.gridservices.dispatch.service;

import dev.gridservices.dispatch.repository.EventRecord;
import dev.gridservices.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Event responses for the utility that owns the event: COMMAND_STATUS counts and per-device state. */
@ApplicationScoped
public class ResponseService {

    /** One device's current response. */
    public record DeviceResponse(String deviceId, String venId, String status, String failureReason,
                                 String reportedAt) {
    }

    /** The responses of one event. */
    public record EventResponses(String eventID, Map<String, Long> counts, List<DeviceResponse> devices) {
    }

    private static final String SELECT = "SELECT device_id, ven_id, status, failure_reason, "
            + "to_char(reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') "
            + "FROM command_status WHERE event_id = :event ORDER BY device_id";

    @WithSession
    public Uni<EventResponses> responses(Caller caller, String eventId) {
        return EventRecord.<EventRecord>findById(eventId).chain(e -> {
            if (e == null || !e.organizationId.equals(caller.organizationId())) {
                return Uni.createFrom().failure(ProblemException.notFound("Event", eventId));
            }
            return Panache.getSession().chain(s -> s.createNativeQuery(SELECT, Object[].class)
                    .setParameter("event", eventId).getResultList()).map(rows -> {
                        Map<String, Long> counts = new LinkedHashMap<>();
                        for (String status : List.of("ACCEPTED", "EXECUTING", "COMPLETED", "FAILED")) {
                            counts.put(status, 0L);
                        }
                        List<DeviceResponse> devices = rows.stream().map(r -> new DeviceResponse((String) r[0],
                                (String) r[1], (String) r[2], (String) r[3], (String) r[4])).toList();
                        devices.forEach(d -> counts.merge(d.status(), 1L, Long::sum));
                        return new EventResponses(eventId, counts, devices);
                    });
        });
    }
}
