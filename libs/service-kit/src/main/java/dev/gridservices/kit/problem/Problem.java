package dev.gridservices.kit.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * RFC 7807 problem details. {@code errors} lists field-level violations so that a client can tell
 * which field broke which rule without parsing {@code detail}. {@code message} is set on the core
 * API ({@code /v1}) only, whose error schema is {@code {"message": string}}: a /v1 client reads it,
 * an RFC 7807 client reads the other members, and both parse the same body.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors, String message) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One violated rule: the JSON path of the field and what the rule says. */
    public record FieldError(String field, String message) {
    }
}
