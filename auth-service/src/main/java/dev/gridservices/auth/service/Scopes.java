package dev.gridservices.auth.service;

import dev.gridservices.security.OrganizationKind;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The scopes a client may be granted: the Direct API set and the OpenADR 3.1 set, split by organization
 * kind. OpenADR 3.1 gives the business logic (BL, here the utility) read_all, read_bl, write_programs and
 * write_events, and the VEN (here the OEM's integration) read_ven_objects, write_reports and write_vens;
 * read_targets and write_subscriptions are for both, as are the Direct API's read_programs and read_events.
 */
public final class Scopes {

    public static final Set<String> UTILITY = Set.of(
            "read_all", "read_bl", "read_targets", "read_programs", "read_events",
            "write_programs", "write_events", "write_subscriptions");

    public static final Set<String> OEM = Set.of(
            "read_programs", "read_events", "read_targets", "read_ven_objects",
            "write_reports", "write_vens", "write_subscriptions");

    public static final Set<String> KNOWN = union(UTILITY, OEM);

    private Scopes() {
    }

    /** The scopes clients and keys of an organization of this kind may hold. */
    public static Set<String> forKind(OrganizationKind kind) {
        return kind == OrganizationKind.OEM ? OEM : UTILITY;
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

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
