package dev.gridservices.security;

/** auth-service could not answer an introspection; the caller is neither accepted nor rejected (503). */
class AuthServiceUnavailableException extends RuntimeException {

    AuthServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
