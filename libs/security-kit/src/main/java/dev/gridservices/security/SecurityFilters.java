package dev.gridservices.security;

import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import dev.gridservices.kit.tenancy.TenantContext;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Runs before every resource method, after authentication (which is proactive, so the identity is known
 * even on the event loop): fills {@link CallerContext} and {@link TenantContext}, then enforces
 * {@link RequiresScope}. Being a request filter rather than an interceptor, it works the same for
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
        RequiresScope requirement = requirement(resource);
        if (requirement == null) {
            return;
        }
        if (identity.isAnonymous()) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, SecurityProblems.MISSING_CREDENTIALS, null,
                    SecurityProblems.challenge(false));
        }
        if (caller == null || !Scopes.allowsAny(caller.scopes(), requirement.value())) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    SecurityProblems.MISSING_SCOPE + String.join(", ", requirement.value()), null, Map.of());
        }
    }

    /** The method's annotation, else its class's. */
    private static RequiresScope requirement(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method != null && method.isAnnotationPresent(RequiresScope.class)) {
            return method.getAnnotation(RequiresScope.class);
        }
        Class<?> type = resource.getResourceClass();
        return type == null ? null : type.getAnnotation(RequiresScope.class);
    }
}
