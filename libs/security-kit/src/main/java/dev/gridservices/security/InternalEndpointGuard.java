package dev.gridservices.security;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Every {@code /internal/*} endpoint of every service answers only callers that present the service
 * credential ({@link ServiceCredential}); anyone else gets a 401 problem before any handler runs. The
 * gateway never routes {@code /internal/*}, but the network alone is not the access control: a workload
 * that can reach a pod must still know the secret.
 */
@ApplicationScoped
public class InternalEndpointGuard {

    static final String PATHS = "/internal/*";
    private static final Logger LOG = Logger.getLogger(InternalEndpointGuard.class);

    private final ServiceCredential credential;

    InternalEndpointGuard(ServiceCredential credential) {
        this.credential = credential;
    }

    /** Ahead of everything else on the router (authentication, body handling, REST). */
    void register(@Observes Router router) {
        router.route(PATHS).order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        if (credential.matches(ctx.request().getHeader(ServiceCredential.HEADER))) {
            ctx.next();
            return;
        }
        LOG.infof("Internal call to %s refused: no valid %s", ctx.request().path(), ServiceCredential.HEADER);
        SecurityProblems.serviceCredentialRequired(ctx);
    }
}
