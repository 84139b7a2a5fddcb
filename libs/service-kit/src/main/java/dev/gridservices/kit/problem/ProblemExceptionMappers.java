package dev.gridservices.kit.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.gridservices.kit.persistence.DatabaseViolation;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every error a request can end in into an RFC 7807 body, so that clients parse one error shape
 * whatever went wrong: our own {@link ProblemException}s, bean validation, unreadable JSON, and the
 * framework's 404/405/406/415. Anything else is a bug: logged with its stack trace, answered 500.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return ProblemResponses.response(e.type(), e.getMessage(), path(uri), e.errors(), e.headers());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message())
                .collect(Collectors.joining("; "));
        return ProblemResponses.response(ProblemType.VALIDATION_ERROR, detail, path(uri), errors, Map.of());
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, UriInfo uri) {
        if (e.getCause() instanceof StreamConstraintsException constraints) {
            return streamConstraints(constraints, uri);
        }
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (field.isEmpty()) {
            return malformed(e, uri);
        }
        String message = "has the wrong type or format";
        return ProblemResponses.response(ProblemType.VALIDATION_ERROR, field + ": " + message, path(uri),
                List.of(new Problem.FieldError(field, message)), Map.of());
    }

    /** Declared apart because the framework ships its own mapper for exactly this type. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return jsonMapping(e, uri);
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e, UriInfo uri) {
        return malformed(e, uri);
    }

    /** A body beyond the kit's JSON limits (string length, nesting depth, number length). */
    @ServerExceptionMapper
    public Response streamConstraints(StreamConstraintsException e, UriInfo uri) {
        return ProblemResponses.response(ProblemType.VALIDATION_ERROR,
                "Request body exceeds a limit: " + e.getOriginalMessage(), path(uri), null, Map.of());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonMappingException mapping) {
            return jsonMapping(mapping, uri);
        }
        if (e.getCause() instanceof StreamConstraintsException constraints) {
            return streamConstraints(constraints, uri);
        }
        if (e.getCause() instanceof JsonProcessingException processing) {
            return malformed(processing, uri);
        }
        if (e instanceof NotFoundException && e.getCause() != null
                && !(e.getCause() instanceof WebApplicationException)) {
            Optional<Response> badParameter = unconvertibleParameter(e.getCause(), uri);
            if (badParameter.isPresent()) {
                return badParameter.get();
            }
        }
        int status = e.getResponse().getStatus();
        ProblemType type = ProblemType.forStatus(status);
        if (status >= 500) {
            LOG.errorf(e, "Request %s failed", path(uri));
        }
        return ProblemResponses.response(type, detail(type, e), path(uri), null, Map.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        Optional<DatabaseViolation> violation = DatabaseViolation.of(e);
        if (violation.filter(DatabaseViolation::isConflict).isPresent()) {
            LOG.debugf(e, "Request %s conflicts with a constraint", path(uri));
            return ProblemResponses.response(ProblemType.CONFLICT,
                    violation.get().isUnique() ? "A resource with these values already exists"
                            : "The request refers to a resource that does not exist, or that others still refer to",
                    path(uri), null, Map.of());
        }
        if (e instanceof IllegalArgumentException && isUndecodable(e)) {
            return ProblemResponses.response(ProblemType.MALFORMED_REQUEST,
                    "The request is not validly percent-encoded (a % must be followed by two hex digits)",
                    path(uri), null, Map.of());
        }
        if (violation.filter(DatabaseViolation::isBadValue).isPresent()) {
            LOG.debugf(e, "Request %s carries a value the database refuses", path(uri));
            return ProblemResponses.response(ProblemType.VALIDATION_ERROR, "A value in the request is not "
                    + "acceptable (too long, out of range, missing, or containing a NUL character)",
                    path(uri), null, Map.of());
        }
        LOG.errorf(e, "Request %s failed unexpectedly", path(uri));
        return ProblemResponses.response(ProblemType.INTERNAL_ERROR, "An unexpected error occurred",
                path(uri), null, Map.of());
    }

    /**
     * JAX-RS answers 404 when a query or path parameter does not convert to its declared type
     * ({@code ?page=x} for an {@code Integer}). A path parameter that cannot be an id is indeed a
     * resource that does not exist; a query parameter is bad input: 400, naming the parameter whose
     * value the conversion refused when it can be told.
     */
    private static Optional<Response> unconvertibleParameter(Throwable cause, UriInfo uri) {
        if (uri == null) {
            return Optional.empty();
        }
        String reason = String.valueOf(cause.getMessage());
        List<String> named = uri.getQueryParameters().entrySet().stream()
                .filter(q -> q.getValue().stream().anyMatch(v -> mentions(reason, v)))
                .map(Map.Entry::getKey).sorted().toList();
        boolean pathValue = uri.getPathParameters().values().stream()
                .anyMatch(values -> values.stream().anyMatch(v -> mentions(reason, v)));
        if (named.isEmpty() && (pathValue || uri.getQueryParameters().isEmpty())) {
            return Optional.empty();
        }
        List<Problem.FieldError> errors = named.stream()
                .map(name -> new Problem.FieldError(name, "has the wrong type or format")).toList();
        String detail = named.isEmpty() ? "A query parameter has the wrong type or format"
                : String.join(", ", named) + ": has the wrong type or format";
        return Optional.of(ProblemResponses.response(ProblemType.VALIDATION_ERROR, detail, path(uri),
                errors.isEmpty() ? null : errors, Map.of()));
    }

    /** Decoders of percent-encoding (form bodies, query strings) that refuse a bad escape as below. */
    private static final Set<String> URL_DECODERS = Set.of(
            "org.jboss.resteasy.reactive.common.util.URLUtils",
            "io.netty.handler.codec.http.QueryStringDecoder",
            "java.net.URLDecoder");

    /**
     * The framework's URL decoder (form bodies, {@code application/x-www-form-urlencoded}), and those a
     * service may call itself (Netty's QueryStringDecoder, URLDecoder), refuse a bad percent-escape with
     * a bare IllegalArgumentException; recognised by where it was thrown.
     */
    private static boolean isUndecodable(Exception e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (URL_DECODERS.contains(frame.getClassName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentions(String reason, String value) {
        return value.isEmpty() ? reason.contains("\"\"") : reason.contains(value);
    }

    private static Response malformed(JsonProcessingException e, UriInfo uri) {
        String location = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return ProblemResponses.response(ProblemType.MALFORMED_REQUEST,
                "Request body is not valid JSON" + location, path(uri), null, Map.of());
    }

    private static String detail(ProblemType type, WebApplicationException e) {
        return switch (type) {
            case NOT_FOUND -> "No resource matches this path";
            case METHOD_NOT_ALLOWED -> "This method is not allowed on this path";
            case UNSUPPORTED_MEDIA_TYPE -> "Content type not supported; send application/json";
            case NOT_ACCEPTABLE -> "Cannot produce a representation matching the Accept header";
            default -> e.getMessage();
        };
    }

    /**
     * The request-facing name of a violated field: a body violation is named by its JSON path
     * ("items[0].name"), a query or path parameter by its own name; never the Java method.
     */
    static String field(ConstraintViolation<?> violation) {
        String parameter = null;
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> { }
                case PARAMETER -> {
                    parameter = node.getName();
                    field.setLength(0);
                }
                default -> {
                    if (node.getIndex() != null || node.getKey() != null) {
                        field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
                    }
                    if (node.getName() != null && !node.getName().isEmpty()) {
                        if (field.length() > 0) {
                            field.append('.');
                        }
                        field.append(node.getName());
                    }
                }
            }
        }
        return field.length() > 0 ? field.toString() : String.valueOf(parameter);
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}
