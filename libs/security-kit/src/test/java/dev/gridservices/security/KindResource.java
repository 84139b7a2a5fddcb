package dev.gridservices.security;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test-only: endpoints behind the declarative credential-type and organization-kind requirements. */
@Path("/v1/kinds")
@RequiresCredential({CredentialType.SERVER_KEY, CredentialType.PLATFORM_ADMIN_KEY})
public class KindResource {

    private final CallerContext caller;

    KindResource(CallerContext caller) {
        this.caller = caller;
    }

    /** Under the class-level requirement: a SERVER key or the platform admin. */
    @GET
    @Path("server")
    public Map<String, Object> server() {
        return describe();
    }

    @GET
    @Path("admin")
    @RequiresCredential(CredentialType.PLATFORM_ADMIN_KEY)
    public Map<String, Object> admin() {
        return describe();
    }

    /** Method-level kind requirement; the class's credential requirement still applies (SERVER key or admin). */
    @GET
    @Path("utility")
    @RequiresOrganizationKind(OrganizationKind.UTILITY)
    public Map<String, Object> utility() {
        return describe();
    }

    @GET
    @Path("utility-or-admin")
    @RequiresOrganizationKind(value = OrganizationKind.UTILITY, admin = true)
    public Map<String, Object> utilityOrAdmin() {
        return describe();
    }

    private Map<String, Object> describe() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("credentialType", caller.credentialType());
        body.put("organizationId", caller.organizationId());
        body.put("organizationKind", caller.organizationKind() == null ? null : caller.organizationKind().wire());
        body.put("platformAdmin", caller.isPlatformAdmin());
        body.put("utility", caller.isUtility());
        body.put("oem", caller.isOem());
        return body;
    }
}
