package dev.gridservices.auth.service;

/** An RFC 6749 §5.2 error of the token endpoint; {@code status} is 400 except for invalid_client (401). */
public class TokenError extends RuntimeException {

    public static final String INVALID_REQUEST = "invalid_request";
    public static final String INVALID_CLIENT = "invalid_client";
    public static final String INVALID_GRANT = "invalid_grant";
    public static final String UNAUTHORIZED_CLIENT = "unauthorized_client";
    public static final String UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type";
    public static final String INVALID_SCOPE = "invalid_scope";

    private final String error;

    public TokenError(String error, String description) {
        super(description, null, false, false);
        this.error = error;
    }

    public String error() {
        return error;
    }

    public int status() {
        return INVALID_CLIENT.equals(error) ? 401 : 400;
    }
}
