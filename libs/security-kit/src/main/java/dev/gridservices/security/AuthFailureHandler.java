package dev.gridservices.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.HttpSecurityRecorder.DefaultAuthFailureHandler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Authentication runs before the REST layer, so its failures never reach the REST exception mappers.
 * This Vert.x failure handler turns them into problem bodies: a rejected token (after quarkus-oidc has set
 * its challenge) into 401, a denied authenticated caller into 403, an unreachable auth-service into 503.
 */
@ApplicationScoped
public class AuthFailureHandler {

    private static final Logger LOG = Logger.getLogger(AuthFailureHandler.class);

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        Throwable failure = DefaultAuthFailureHandler.extractRootCause(ctx.failure());
        if (failure instanceof AuthenticationFailedException) {
            // The cause's type says why (expired, bad signature, ...); its message may quote claims, so it stays out.
            LOG.debugf("Authentication failed for %s: %s", ctx.request().path(),
                    failure.getMessage() != null ? failure.getMessage() : String.valueOf(failure.getCause()).split(":")[0]);
            SecurityProblems.unauthorized(ctx, true);
        } else if (failure instanceof UnauthorizedException) {
            SecurityProblems.unauthorized(ctx, SecurityProblems.credentialsSent(ctx));
        } else if (failure instanceof ForbiddenException) {
            SecurityProblems.forbidden(ctx);
        } else if (failure instanceof AuthServiceUnavailableException) {
            LOG.warnf("Cannot authenticate %s: %s", ctx.request().path(), failure.getMessage());
            SecurityProblems.authServiceUnavailable(ctx);
        } else {
            ctx.next();
        }
    }
}
