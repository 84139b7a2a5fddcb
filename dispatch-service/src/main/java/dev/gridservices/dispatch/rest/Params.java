package dev.gridservices.dispatch.rest;

import dev.gridservices.kit.problem.ProblemException;

/** Query parameters checked by hand, so a bad one answers a problem naming it (not a bare 404 from JAX-RS). */
final class Params {

    private Params() {
    }

    static int integer(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(value);
            if (v < min || v > max) {
                throw ProblemException.invalid(name, "must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(name, "must be an integer");
        }
    }

    static Boolean bool(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw ProblemException.invalid(name, "must be true or false");
        }
        return Boolean.valueOf(value);
    }
}
