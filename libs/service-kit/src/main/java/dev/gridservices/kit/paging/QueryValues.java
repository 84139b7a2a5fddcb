package dev.gridservices.kit.paging;

import dev.gridservices.kit.problem.ProblemException;

/**
 * Parses query values taken as text. A JAX-RS {@code @QueryParam Integer} that does not convert
 * fails before our code runs (the framework's answer is a 404); taking the value as a
 * {@code String} and parsing it here gives a 400 problem that names the parameter.
 */
public final class QueryValues {

    private QueryValues() {
    }

    /** The integer in {@code value}, or null when absent; anything else is a 400 naming {@code name}. */
    public static Integer integer(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(name, "must be an integer");
        }
    }

    /** {@code true} or {@code false}, or {@code defaultValue} when absent; anything else is a 400. */
    public static boolean bool(String name, String value, boolean defaultValue) {
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
