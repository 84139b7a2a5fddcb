package dev.gridservices.security;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test-only: an internal endpoint, reachable only with the service credential. */
@Path("/internal/ping")
public class InternalResource {

    @GET
    public String ping() {
        return "pong";
    }
}
