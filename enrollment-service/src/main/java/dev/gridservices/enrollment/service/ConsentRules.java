package dev.gridservices.enrollment.service;

import dev.gridservices.kit.problem.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Consent validity (direct-api-v2 §10.5): opt-in true; a timestamp within the last 90 days and not in the
 * future; a source; a terms version; a scope with at least one valid program type, which must include the
 * program's own type when it is known. Each broken rule is one field error, named by its JSON path.
 */
public final class ConsentRules {

    /** Program types of the catalog (programs-service ProgramType). */
    public static final Set<String> PROGRAM_TYPES = Set.of("demand_response", "grid_services", "rebate",
            "energy_efficiency", "vpp", "time_of_use");

    public record Consent(Boolean optIn, Instant timestamp, String source, String termsVersion, List<String> scope) {
    }

    /** One broken rule: the metric tag and the field error. */
    public record Violation(String rule, Problem.FieldError error) {
    }

    private ConsentRules() {
    }

    public static List<Violation> check(Consent consent, Instant now, Duration maxAge, String programType) {
        List<Violation> violations = new ArrayList<>();
        if (consent == null) {
            violations.add(v("missing", "consent", "is required"));
            return violations;
        }
        if (!Boolean.TRUE.equals(consent.optIn())) {
            violations.add(v("opt_in", "consent.optIn", "must be true"));
        }
        if (consent.timestamp() == null) {
            violations.add(v("timestamp_missing", "consent.timestamp", "is required"));
        } else if (consent.timestamp().isAfter(now)) {
            violations.add(v("future", "consent.timestamp", "must not be in the future"));
        } else if (consent.timestamp().isBefore(now.minus(maxAge))) {
            violations.add(v("stale", "consent.timestamp", "is older than " + maxAge.toDays()
                    + " days: stale consent requires re-consent"));
        }
        if (consent.source() == null || consent.source().isBlank()) {
            violations.add(v("source", "consent.source", "is required"));
        }
        if (consent.termsVersion() == null || consent.termsVersion().isBlank()) {
            violations.add(v("terms_version", "consent.termsVersion", "is required"));
        }
        List<String> scope = consent.scope() == null ? List.of() : consent.scope();
        if (scope.stream().noneMatch(PROGRAM_TYPES::contains)) {
            violations.add(v("scope", "consent.scope", "must include at least one valid program type "
                    + PROGRAM_TYPES.stream().sorted().toList()));
        } else if (programType != null && !scope.contains(programType)) {
            violations.add(v("scope", "consent.scope", "does not authorize the program's type " + programType));
        }
        return violations;
    }

    private static Violation v(String rule, String field, String message) {
        return new Violation(rule, new Problem.FieldError(field, message));
    }
}
