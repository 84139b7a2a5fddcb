package dev.gridservices.outbox;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/widgets")
public class WidgetResource {

    private final Outbox outbox;

    public WidgetResource(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Writes the widget and its event in one transaction; {@code fail=true} aborts after both writes. */
    @POST
    @WithTransaction
    public Uni<Map<String, Object>> create(@QueryParam("name") String name, @QueryParam("fail") boolean fail) {
        Widget widget = new Widget();
        widget.id = UUID.randomUUID();
        widget.name = name;
        return widget.persist()
                .chain(() -> outbox.event("test.widgets").key(widget.id.toString()).type("widget.created").version(1)
                        .tenant("org-test").aggregateVersion(1).payload(Map.of("id", widget.id, "name", name)).record())
                .invoke(() -> {
                    if (fail) {
                        throw new WebApplicationException("forced rollback", 409);
                    }
                })
                .map(envelope -> Map.of("id", widget.id, "eventId", envelope.id()));
    }

    /**
     * Writes the widget and {@code count} events in one multi-row {@link Outbox#record(List)}, keys
     * {@code <id>:<n % 3>}; {@code fail=true} aborts after both writes, {@code oversized=true} makes the last
     * event too large for Kafka (413, nothing written).
     */
    @POST
    @Path("/batch")
    @WithTransaction
    public Uni<Map<String, Object>> createBatch(@QueryParam("name") String name, @QueryParam("count") int count,
                                                @QueryParam("fail") boolean fail,
                                                @QueryParam("oversized") boolean oversized) {
        Widget widget = new Widget();
        widget.id = UUID.randomUUID();
        widget.name = name;
        List<OutboxEvent> events = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Object blob = oversized && n == count - 1 ? "x".repeat(2 * 1024 * 1024) : "";
            events.add(outbox.event("test.widgets").key(widget.id + ":" + n % 3).type("widget.batched")
                    .tenant("org-test").payload(Map.of("id", widget.id, "name", name, "n", n, "blob", blob)));
        }
        return widget.persist()
                .chain(() -> outbox.record(events))
                .invoke(() -> {
                    if (fail) {
                        throw new WebApplicationException("forced rollback", 409);
                    }
                })
                .onFailure(OversizedEventException.class)
                .transform(e -> new WebApplicationException(Response.status(413).entity(e.getMessage()).build()))
                .map(envelopes -> Map.of("id", widget.id,
                        "eventIds", envelopes.stream().map(e -> e.id().toString()).toList()));
    }

    @GET
    @Path("/{id}")
    @WithSession
    public Uni<Widget> get(@PathParam("id") UUID id) {
        return Widget.<Widget>findById(id).onItem().ifNull().failWith(() -> new WebApplicationException(404));
    }

    @GET
    @Path("/{id}/seen")
    @WithSession
    public Uni<Long> seen(@PathParam("id") UUID id) {
        return WidgetSeen.count("widgetId", id);
    }

    /** The message ids the versioned consumer applied for this widget. */
    @GET
    @Path("/{id}/applied")
    @WithSession
    public Uni<List<UUID>> applied(@PathParam("id") UUID id) {
        return WidgetSeen.<WidgetSeen>list("widgetId", id).map(seen -> seen.stream().map(s -> s.messageId).toList());
    }

    @GET
    @Path("/outbox/{eventId}")
    @WithSession
    public Uni<OutboxMessage> outboxRow(@PathParam("eventId") UUID eventId) {
        return OutboxMessage.<OutboxMessage>findById(eventId)
                .onItem().ifNull().failWith(() -> new WebApplicationException(404));
    }
}
