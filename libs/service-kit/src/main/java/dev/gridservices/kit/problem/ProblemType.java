package dev.gridservices.kit.problem;

/** The problem types every service answers with; the URIs follow the Direct API's error format. */
public enum ProblemType {
    VALIDATION_ERROR(400, "Bad Request", "validation-error"),
    MALFORMED_REQUEST(400, "Bad Request", "malformed-request"),
    UNAUTHORIZED(401, "Unauthorized", "unauthorized"),
    FORBIDDEN(403, "Forbidden", "forbidden"),
    NOT_FOUND(404, "Not Found", "not-found"),
    METHOD_NOT_ALLOWED(405, "Method Not Allowed", "method-not-allowed"),
    NOT_ACCEPTABLE(406, "Not Acceptable", "not-acceptable"),
    CONFLICT(409, "Conflict", "conflict"),
    PAYLOAD_TOO_LARGE(413, "Payload Too Large", "payload-too-large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type", "unsupported-media-type"),
    RATE_LIMITED(429, "Too Many Requests", "rate-limited"),
    INTERNAL_ERROR(500, "Internal Server Error", "internal-error"),
    SERVICE_UNAVAILABLE(503, "Service Unavailable", "service-unavailable");

    public static final String BASE_URI = "https://direct.texturehq.com/errors/";

    private final int status;
    private final String title;
    private final String slug;

    ProblemType(int status, String title, String slug) {
        this.status = status;
        this.title = title;
        this.slug = slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String uri() {
        return BASE_URI + slug;
    }

    /** The type a bare HTTP status maps to, for errors raised by the framework rather than by us. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && type != MALFORMED_REQUEST) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
    }
}
