package dev.gridservices.auth.service;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The scopes a client may be granted: the Direct API set and the OpenADR 3.1 set. */
public final class Scopes {

    public static final Set<String> KNOWN = Set.of(
            "read_events", "read_programs", "write_reports", "write_vens", "write_subscriptions",
            "read_all", "read_targets", "read_ven_objects", "write_programs", "write_events");

    private Scopes() {
    }

    /** RFC 6749 §3.3: space-delimited, order irrelevant; duplicates collapse. */
    public static Set<String> parse(String scope) {
        if (scope == null || scope.isBlank()) {
            return Set.of();
        }
        return new LinkedHashSet<>(Arrays.asList(scope.trim().split(" +")));
    }

    public static String join(Iterable<String> scopes) {
        return String.join(" ", scopes);
    }

    public static List<String> list(String joined) {
        return List.copyOf(parse(joined));
    }
}
