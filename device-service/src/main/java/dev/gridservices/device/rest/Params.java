package dev.gridservices.device.rest;

import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.problem.ProblemException;

/**
 * Query parameters are taken as text and parsed here, so a malformed value is a 400 naming the
 * parameter (JAX-RS would answer 404 for an unconvertible query parameter).
 */
final class Params {

    /** Core API lists default to 100 per page (as programs-service's); bounds are service-kit's. */
    static final int DEFAULT_PER_PAGE = 100;

    private Params() {
    }

    static PageRequest page(String page, String perPage) {
        Integer p = integer("page", page);
        Integer size = integer("perPage", perPage);
        return PageRequest.of(p, size == null ? DEFAULT_PER_PAGE : size, "page", "perPage", PageRequest.MAX_PER_PAGE);
    }

    /** OpenADR 3.1 {@code limit}: 0..50. */
    static final int MAX_LIMIT = 50;

    /** OpenADR skip/limit, checked: skip >= 0, limit 0..50 (default 50). */
    static int[] window(String skip, String limit) {
        Integer s = integer("skip", skip);
        Integer l = integer("limit", limit);
        if (s != null && s < 0) {
            throw ProblemException.invalid("skip", "must be greater than or equal to 0");
        }
        if (l != null && (l < 0 || l > MAX_LIMIT)) {
            throw ProblemException.invalid("limit", "must be between 0 and " + MAX_LIMIT);
        }
        return new int[]{s == null ? 0 : s, l == null ? MAX_LIMIT : l};
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
}
