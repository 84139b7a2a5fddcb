package dev.gridservices.auth.rest;

import dev.gridservices.auth.mapping.ActiveClients;
import dev.gridservices.auth.mapping.ActiveClientsRequest;
import dev.gridservices.auth.service.ClientService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The MQTT broker's revocation check: which of the clients it holds sessions for are still active. A token
 * stays valid until it expires, so the broker asks here to drop the sessions of revoked, suspended or
 * unknown clients early. Service credential required (every {@code /internal/*} path).
 */
@Path("/internal/oauth-clients/active")
@Tag(name = "internal")
public class ActiveClientsResource {

    private final ClientService clients;

    public ActiveClientsResource(ClientService clients) {
        this.clients = clients;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Which of these OAuth clients are still active",
            description = "At most 1000 ids; the answer lists those neither revoked, suspended nor unknown, in the order asked.")
    public Uni<ActiveClients> active(@Valid @NotNull ActiveClientsRequest request) {
        return clients.active(request.clientIds()).map(ActiveClients::new);
    }
}
