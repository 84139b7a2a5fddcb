package dev.gridservices.security;

import dev.gridservices.kit.tenancy.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** A test-only API: what the kit tells a resource about its caller, behind various scope requirements. */
@Path("/v1/caller")
@RequiresScope("read_events")
public class CallerResource {

    private final CallerContext caller;
    private final TenantContext tenant;

    CallerResource(CallerContext caller, TenantContext tenant) {
        this.caller = caller;
        this.tenant = tenant;
    }

    /** Reactive, with a method-level requirement. */
    @GET
    @Path("programs")
    @RequiresScope({"read_programs", "read_all"})
    public Uni<Map<String, Object>> programs() {
        return Uni.createFrom().item(this::describe);
    }

    /** Blocking, under the class-level requirement. */
    @GET
    @Path("events")
    public Map<String, Object> events() {
        return describe();
    }

    private Map<String, Object> describe() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organizationId", caller.organizationId());
        body.put("workspaceId", caller.workspaceId());
        body.put("credentialType", caller.credentialType());
        body.put("clientId", caller.clientId());
        body.put("keyId", caller.keyId());
        body.put("venId", caller.venId());
        body.put("referenceId", caller.referenceId());
        body.put("scopes", new TreeSet<>(caller.scopes()));
        body.put("tenantOrganizationId", tenant.organizationId());
        body.put("tenantWorkspaceId", tenant.workspaceId());
        return body;
    }
}
