package dev.gridservices.kit.problem;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Builds problem responses; used by the exception mappers, the catch-all route and the security kit. */
public final class ProblemResponses {

    /** The core API's path prefix; its error schema wants {@code message} besides the RFC 7807 members. */
    static final String CORE_API_PREFIX = "/v1/";

    private ProblemResponses() {
    }

    public static Problem problem(ProblemType type, String detail, String instance,
                                  List<Problem.FieldError> errors) {
        String message = isCoreApi(instance) ? (detail == null ? type.title() : detail) : null;
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, errors, message);
    }

    public static Response response(ProblemType type, String detail, String instance,
                                    List<Problem.FieldError> errors, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(type.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem(type, detail, instance, errors));
        headers.forEach(builder::header);
        return builder.build();
    }

    private static boolean isCoreApi(String instance) {
        return instance != null && (instance.startsWith(CORE_API_PREFIX) || instance.equals("/v1"));
    }
}
