package dev.gridservices.kit.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body announced larger than {@code quarkus.http.limits.max-body-size} is refused with a 413
 * problem before it is read. Quarkus enforces the same limit on the same header with an empty 413
 * (a route of order -2); this route runs just before it so the client gets the problem body. A
 * chunked body without Content-Length that grows past the limit is still cut off by Quarkus with its
 * own empty 413.
 */
@ApplicationScoped
public class BodyLimit {

    /** Before Quarkus's own check (order -2 in HttpServerCommonHandlers.enforceMaxBodySize). */
    static final int ORDER = -3;

    private final Optional<MemorySize> maxBodySize;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    void register(@Observes Router router) {
        if (maxBodySize.isEmpty()) {
            return;
        }
        long limit = maxBodySize.get().asLongValue();
        router.route().order(ORDER).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && isOver(length, limit)) {
                Problem problem = ProblemResponses.problem(ProblemType.PAYLOAD_TOO_LARGE,
                        "Request body is larger than " + limit + " bytes", ctx.request().path(), null);
                ctx.response()
                        .setStatusCode(413)
                        .putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close")
                        .end(Json.encode(problem));
                return;
            }
            ctx.next();
        });
    }

    private static boolean isOver(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // Vert.x itself refuses a malformed Content-Length
        }
    }
}
