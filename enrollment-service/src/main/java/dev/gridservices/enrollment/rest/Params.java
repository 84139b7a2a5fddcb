package dev.gridservices.enrollment.rest;

import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.problem.ProblemException;

/** Query parameters arrive as text and are parsed here, so a malformed value is a 400 naming it. */
final class Params {

    private Params() {
    }

    static PageRequest page(String page, String perPage, int defaultPerPage, int maxPerPage) {
        Integer size = integer("perPage", perPage);
        return PageRequest.of(integer("page", page), size == null ? defaultPerPage : size, "page", "perPage",
                maxPerPage);
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
