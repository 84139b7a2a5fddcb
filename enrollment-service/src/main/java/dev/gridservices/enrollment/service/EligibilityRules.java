package dev.gridservices.enrollment.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates an instance's eligibility rules (program-instances.md: {@code regions}/{@code states},
 * {@code deviceTypes}, {@code minimumCapacity}; plus {@code utilityIds} for the territory) against what is
 * known of a customer or device. A failed rule makes the enrollment ineligible, naming the rule; a rule whose
 * fact is unknown (a core enrollment names no device) leaves it a candidate; otherwise it is eligible.
 * Free-text criteria cannot be evaluated and leave only the states rule.
 */
public final class EligibilityRules {

    /** What is known of the enrollee; null = unknown. */
    public record Facts(String state, String deviceType, Double capacity, String utilityId) {
    }

    public record Result(EligibilityStatus status, String reason) {
    }

    private EligibilityRules() {
    }

    public static Result evaluate(JsonNode criteria, List<String> instanceStates, Facts facts) {
        List<String> failed = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        JsonNode rules = criteria != null && criteria.isObject() ? criteria : null;

        List<String> states = rules == null ? List.of() : strings(rules.has("regions") ? rules.get("regions") : rules.get("states"));
        if (states.isEmpty()) {
            states = instanceStates;
        }
        if (!states.isEmpty()) {
            checked.add("states");
            if (facts.state() == null) {
                unknown.add("state");
            } else if (states.stream().noneMatch(s -> s.equalsIgnoreCase(facts.state()))) {
                failed.add("state " + facts.state() + " is not in " + states);
            }
        }
        if (rules != null) {
            List<String> types = strings(rules.get("deviceTypes"));
            if (!types.isEmpty()) {
                checked.add("deviceTypes");
                if (facts.deviceType() == null) {
                    unknown.add("device type");
                } else if (types.stream().noneMatch(t -> t.equalsIgnoreCase(facts.deviceType()))) {
                    failed.add("device type " + facts.deviceType() + " is not in " + types);
                }
            }
            JsonNode minimum = rules.get("minimumCapacity");
            if (minimum != null && minimum.isNumber()) {
                checked.add("minimumCapacity");
                if (facts.capacity() == null) {
                    unknown.add("capacity");
                } else if (facts.capacity() < minimum.asDouble()) {
                    failed.add("capacity " + facts.capacity() + " is below the minimum " + minimum.asDouble());
                }
            }
            List<String> utilities = strings(rules.has("utilityIds") ? rules.get("utilityIds")
                    : rules.path("territory").get("utilityIds"));
            if (!utilities.isEmpty()) {
                checked.add("territory");
                if (facts.utilityId() == null) {
                    unknown.add("territory");
                } else if (!utilities.contains(facts.utilityId())) {
                    failed.add("territory utility " + facts.utilityId() + " is not in " + utilities);
                }
            }
        }
        if (!failed.isEmpty()) {
            return new Result(EligibilityStatus.INELIGIBLE, String.join("; ", failed));
        }
        if (!unknown.isEmpty()) {
            return new Result(EligibilityStatus.CANDIDATE, "not yet verifiable: " + String.join(", ", unknown)
                    + " unknown");
        }
        if (criteria != null && criteria.isTextual() && !criteria.asText().isBlank()) {
            return new Result(EligibilityStatus.CANDIDATE, "free-text eligibility criteria need review");
        }
        return new Result(EligibilityStatus.ELIGIBLE, checked.isEmpty() ? "the instance sets no eligibility rules"
                : "meets the instance's rules (" + String.join(", ", checked) + ")");
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> {
                if (n.isTextual() && !n.asText().isBlank()) {
                    values.add(n.asText().trim());
                }
            });
        }
        return values;
    }
}
