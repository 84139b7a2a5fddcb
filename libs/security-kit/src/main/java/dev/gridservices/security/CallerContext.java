package dev.gridservices.security;

import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import jakarta.enterprise.context.RequestScoped;
import java.util.Set;

/**
 * Who the current request comes from. Filled by the security kit before the resource method runs (which
 * also fills service-kit's {@code TenantContext}); empty for an anonymous request to a public path.
 */
@RequestScoped
public class CallerContext {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public boolean isAuthenticated() {
        return caller != null;
    }

    public String organizationId() {
        return caller().organizationId();
    }

    public String workspaceId() {
        return caller().workspaceId();
    }

    public CredentialType credentialType() {
        return caller().credentialType();
    }

    public String clientId() {
        return caller().clientId();
    }

    public String keyId() {
        return caller().keyId();
    }

    public String venId() {
        return caller().venId();
    }

    public String referenceId() {
        return caller().referenceId();
    }

    public Set<String> scopes() {
        return caller().scopes();
    }

    public OrganizationKind organizationKind() {
        return caller().organizationKind();
    }

    public boolean isUtility() {
        return caller != null && caller.organizationKind() == OrganizationKind.UTILITY;
    }

    public boolean isOem() {
        return caller != null && caller.organizationKind() == OrganizationKind.OEM;
    }

    /** The platform operator: acts for no tenant, so {@link #organizationId()} is null. */
    public boolean isPlatformAdmin() {
        return caller != null && caller.credentialType() == CredentialType.PLATFORM_ADMIN_KEY;
    }

    public boolean hasScope(String scope) {
        return caller != null && caller.scopes().contains(scope);
    }

    private Caller caller() {
        if (caller == null) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, SecurityProblems.MISSING_CREDENTIALS, null,
                    SecurityProblems.challenge(false));
        }
        return caller;
    }
}
