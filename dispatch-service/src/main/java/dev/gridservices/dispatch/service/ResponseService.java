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

/**
 * Event responses for the utility that owns the event: every device the event reached with its latest
 * COMMAND_STATUS (NO_RESPONSE until it reports), and the counts per status.
 */
@ApplicationScoped
public class ResponseService {

    /** One device's current response. */
    public record DeviceResponse(String deviceId, String venId, String status, String failureReason,
                                 String reportedAt) {
    }

    /** The responses of one event. */
    public record EventResponses(String eventID, Map<String, Long> counts, List<DeviceResponse> devices) {
    }

    /** A device the event reached that has not reported a COMMAND_STATUS for it yet. */
    public static final String NO_RESPONSE = "NO_RESPONSE";

    private static final String SELECT = "SELECT t.device_id, t.ven_id, c.status, c.failure_reason, "
            + "to_char(c.reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') "
            + "FROM event_target t LEFT JOIN command_status c ON c.event_id = t.event_id AND c.device_id = t.device_id "
            + "WHERE t.event_id = :event ORDER BY t.device_id";

    @WithSession
    public Uni<EventResponses> responses(Caller caller, String eventId) {
        return EventRecord.<EventRecord>findById(eventId).chain(e -> {
            if (e == null || !e.organizationId.equals(caller.organizationId())) {
                return Uni.createFrom().failure(ProblemException.notFound("Event", eventId));
            }
            return Panache.getSession().chain(s -> s.createNativeQuery(SELECT, Object[].class)
                    .setParameter("event", eventId).getResultList()).map(rows -> {
                        Map<String, Long> counts = new LinkedHashMap<>();
                        for (String status : List.of(NO_RESPONSE, "ACCEPTED", "EXECUTING", "COMPLETED", "FAILED")) {
                            counts.put(status, 0L);
                        }
                        List<DeviceResponse> devices = rows.stream().map(r -> new DeviceResponse((String) r[0],
                                (String) r[1], r[2] == null ? NO_RESPONSE : (String) r[2], (String) r[3],
                                (String) r[4])).toList();
                        devices.forEach(d -> counts.merge(d.status(), 1L, Long::sum));
                        return new EventResponses(eventId, counts, devices);
                    });
        });
    }
}
