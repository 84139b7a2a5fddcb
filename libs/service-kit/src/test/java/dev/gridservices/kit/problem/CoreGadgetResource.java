package dev.gridservices.kit.problem;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionException;

/**
 * A core-API (/v1) resource of the test application: its problems carry {@code message}; and
 * database failures of the shape Hibernate Reactive raises, for the kit's last-resort mapping.
 */
@Path("/v1/gadgets")
@Produces(MediaType.APPLICATION_JSON)
public class CoreGadgetResource {

    @GET
    @Path("/{slug}")
    public String get(@PathParam("slug") String slug) {
        throw ProblemException.notFound("Gadget", slug);
    }

    /** A write the database refused with {@code sqlState}, wrapped as a reactive pipeline wraps it. */
    @GET
    @Path("/refused/{sqlState}")
    public Uni<String> refused(@PathParam("sqlState") String sqlState) {
        PgException pg = new PgException("refused", "ERROR", sqlState, "detail");
        return Uni.createFrom().failure(new CompletionException(new RuntimeException("wrapped", pg)));
    }
}
