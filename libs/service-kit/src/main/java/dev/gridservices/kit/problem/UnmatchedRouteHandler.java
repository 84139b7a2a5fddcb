package dev.gridservices.kit.problem;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Paths that no JAX-RS resource (nor a Quarkus endpoint) claims fall through the REST layer to the
 * Vert.x router; without this they would get Vert.x's plain-text 404 instead of a problem.
 */
@ApplicationScoped
public class UnmatchedRouteHandler {

    void register(@Observes Router router) {
        router.route().last().handler(ctx -> {
            Problem problem = ProblemResponses.problem(ProblemType.NOT_FOUND, "No resource matches this path",
                    ctx.request().path(), null);
            ctx.response()
                    .setStatusCode(404)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(Json.encode(problem));
        });
    }
}
