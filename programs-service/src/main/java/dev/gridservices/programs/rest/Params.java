package dev.gridservices.programs.rest;

import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.problem.ProblemException;

/**
 * Query parameters are taken as text and parsed here, so a malformed value is a 400 naming the
 * parameter (JAX-RS would answer 404 for an unconvertible query parameter).
 */
final class Params {

    /** The core API's list bounds (core-api-v1.openapi.json): page 1..1000, perPage 1..100, default 100. */
    static final int MAX_PAGE = 1000;
    static final int MAX_PER_PAGE = 100;
    static final int DEFAULT_PER_PAGE = 100;

    private Params() {
    }

    static PageRequest page(String page, String perPage) {
        Integer p = integer("page", page);
        Integer size = integer("perPage", perPage);
        if (p != null && p > MAX_PAGE) {
            throw ProblemException.invalid("page", "must be between 1 and " + MAX_PAGE);
        }
        return PageRequest.of(p, size == null ? DEFAULT_PER_PAGE : size, "page", "perPage", MAX_PER_PAGE);
    }

    static Integer integer(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(name, "must be an integer");
        }
    }

    static boolean bool(String name, String value, boolean defaultValue) {
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalid(name, "must be true or false");
        };
    }
}
