package dev.gridservices.security;

import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import dev.gridservices.kit.tenancy.TenantContext;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Runs before every resource method, after authentication (which is proactive, so the identity is known
 * even on the event loop): fills {@link CallerContext} and {@link TenantContext}, then enforces
 * {@link RequiresCredential}, {@link RequiresOrganizationKind} and {@link RequiresScope}. Being a request filter rather than an interceptor, it works the same for
 * blocking methods and for methods returning {@code Uni}.
 */
public class SecurityFilters {

    private final SecurityIdentity identity;
    private final CallerContext callerContext;
    private final TenantContext tenantContext;

    SecurityFilters(SecurityIdentity identity, CallerContext callerContext, TenantContext tenantContext) {
        this.identity = identity;
        this.callerContext = callerContext;
        this.tenantContext = tenantContext;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public void authorize(ResourceInfo resource) {
        Caller caller = identity.isAnonymous() ? null : identity.getAttribute(Caller.ATTRIBUTE);
        if (caller != null) {
            callerContext.set(caller);
            tenantContext.set(caller.organizationId(), caller.workspaceId());
        }
        RequiresScope scopes = requirement(resource, RequiresScope.class);
        RequiresCredential credentials = requirement(resource, RequiresCredential.class);
        RequiresOrganizationKind kind = requirement(resource, RequiresOrganizationKind.class);
        if (scopes == null && credentials == null && kind == null) {
            return;
        }
        if (identity.isAnonymous() || caller == null) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, SecurityProblems.MISSING_CREDENTIALS, null,
                    SecurityProblems.challenge(false));
        }
        if (credentials != null && !Arrays.asList(credentials.value()).contains(caller.credentialType())) {
            throw forbidden(SecurityProblems.WRONG_CREDENTIAL + Arrays.stream(credentials.value())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
        if (kind != null && caller.organizationKind() != kind.value()
                && !(kind.admin() && caller.credentialType() == CredentialType.PLATFORM_ADMIN_KEY)) {
            throw forbidden(SecurityProblems.WRONG_ORGANIZATION_KIND + kind.value().wire());
        }
        if (scopes != null && !Scopes.allowsAny(caller.scopes(), scopes.value())) {
            throw forbidden(SecurityProblems.MISSING_SCOPE + String.join(", ", scopes.value()));
        }
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemType.FORBIDDEN, detail, null, Map.of());
    }

    /** The method's annotation, else its class's. */
    private static <A extends Annotation> A requirement(ResourceInfo resource, Class<A> annotation) {
        Method method = resource.getResourceMethod();
        if (method != null && method.isAnnotationPresent(annotation)) {
            return method.getAnnotation(annotation);
        }
        Class<?> type = resource.getResourceClass();
        return type == null ? null : type.getAnnotation(annotation);
    }
}
