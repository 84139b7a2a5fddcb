package dev.gridservices.security;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.HashMap;
import java.util.Map;

/** Test-only: an authenticated-only /v2 path, and the token endpoint's path, which must stay public. */
@Path("/v2")
public class PathsResource {

    private final CallerContext caller;

    PathsResource(CallerContext caller) {
        this.caller = caller;
    }

    @GET
    @Path("whoami")
    public Map<String, Object> whoami() {
        Map<String, Object> body = new HashMap<>();
        body.put("organizationId", caller.organizationId());
        body.put("credentialType", caller.credentialType());
        body.put("keyId", caller.keyId());
        body.put("referenceId", caller.referenceId());
        return body;
    }

    @POST
    @Path("auth/token")
    public Map<String, Object> token() {
        return Map.of("authenticated", caller.isAuthenticated());
    }
}
