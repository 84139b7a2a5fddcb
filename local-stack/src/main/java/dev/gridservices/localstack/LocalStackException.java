package dev.gridservices.localstack;

/** The stack could not start; the message says why and what to do about it. */
public final class LocalStackException extends RuntimeException {

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
