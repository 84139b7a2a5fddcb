package dev.gridservices.kit.problem;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Builds problem responses; used by the exception mappers and by the catch-all route. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Problem problem(ProblemType type, String detail, String instance,
                                  List<Problem.FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, errors);
    }

    public static Response response(ProblemType type, String detail, String instance,
                                    List<Problem.FieldError> errors, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(type.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem(type, detail, instance, errors));
        headers.forEach(builder::header);
        return builder.build();
    }
}
