package dev.gridservices.security;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.Map;

/** Test-only endpoints outside /v1 and /v2, where no HTTP permission demands a caller. */
@Path("/open")
public class OpenResource {

    private final CallerContext caller;

    OpenResource(CallerContext caller) {
        this.caller = caller;
    }

    @GET
    @Path("whoami")
    public Map<String, Object> whoami() {
        return Map.of("authenticated", caller.isAuthenticated());
    }

    /** Only the annotation protects this one. */
    @GET
    @Path("guarded")
    @RequiresScope("read_all")
    public Uni<String> guarded() {
        return Uni.createFrom().item(caller::organizationId);
    }
}
