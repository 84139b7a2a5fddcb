package dev.gridservices.programs.rest;

import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.problem.ProblemException;

/**
 * Query parameters are taken as text and parsed here, so a malformed value is a 400 naming the
 * parameter (JAX-RS would answer 404 for an unconvertible query parameter).
 */
final class Params {

    /** Programs' lists default to 100 per page (core-api-v1.openapi.json); bounds are service-kit's. */
    static final int DEFAULT_PER_PAGE = 100;

    private Params() {
    }

    static PageRequest page(String page, String perPage) {
        Integer p = integer("page", page);
        Integer size = integer("perPage", perPage);
        return PageRequest.of(p, size == null ? DEFAULT_PER_PAGE : size, "page", "perPage", PageRequest.MAX_PER_PAGE);
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
