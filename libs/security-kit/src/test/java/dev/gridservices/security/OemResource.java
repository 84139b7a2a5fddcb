package dev.gridservices.security;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test-only: a bearer-token endpoint for OEM organizations only (class-level kind requirement). */
@Path("/v2/oem")
@RequiresOrganizationKind(OrganizationKind.OEM)
public class OemResource {

    private final CallerContext caller;

    OemResource(CallerContext caller) {
        this.caller = caller;
    }

    @GET
    public String organization() {
        return caller.organizationKind().wire() + ":" + caller.organizationId();
    }
}
