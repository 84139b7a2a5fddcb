package dev.gridservices.dispatch.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridservices.kit.problem.Problem;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import dev.gridservices.openadr.ObjectIds;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an OpenADR 3.1 subscriptionRequest. callbackUrl must be an absolute http(s) URL with a host and
 * without credentials (user:password@ would travel in every log line and proxy on the way); the receiver
 * authenticates us with the bearerToken instead.
 */
public final class SubscriptionValidator {

    static final Set<String> OBJECTS = Set.of("PROGRAM", "EVENT", "REPORT", "SUBSCRIPTION", "VEN", "RESOURCE");
    static final Set<String> OPERATIONS = Set.of("READ", "CREATE", "UPDATE", "DELETE");
    private static final Set<String> FIELDS = Set.of("clientName", "programID", "objectOperations", "targets",
            "contactEmail", "id", "createdDateTime", "modificationDateTime", "objectType", "clientID");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

    private final List<Problem.FieldError> errors = new ArrayList<>();

    private SubscriptionValidator() {
    }

    public static void validate(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid("body", "must be an OpenADR subscriptionRequest object");
        }
        SubscriptionValidator v = new SubscriptionValidator();
        v.check(body);
        if (!v.errors.isEmpty()) {
            String detail = v.errors.stream().map(e -> e.field() + ": " + e.message())
                    .reduce((a, b) -> a + "; " + b).orElse("");
            throw new ProblemException(ProblemType.VALIDATION_ERROR, detail, List.copyOf(v.errors), Map.of());
        }
    }

    private void check(JsonNode b) {
        b.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                error(f, "is not a subscriptionRequest field");
            }
        });
        JsonNode name = b.get("clientName");
        if (name == null || !name.isTextual() || name.asText().isEmpty() || name.asText().length() > 128) {
            error("clientName", "is required: 1..128 characters");
        }
        JsonNode program = b.get("programID");
        if (program != null && !program.isNull() && (!program.isTextual() || !ObjectIds.isValid(program.asText()))) {
            error("programID", "must be an objectID");
        }
        JsonNode email = b.get("contactEmail");
        if (email != null && !email.isNull() && (!email.isTextual() || !EMAIL.matcher(email.asText()).matches())) {
            error("contactEmail", "must be an email address");
        }
        JsonNode targets = b.get("targets");
        if (targets != null && !targets.isNull()) {
            if (!targets.isArray()) {
                error("targets", "must be an array of strings");
            } else {
                for (int i = 0; i < targets.size(); i++) {
                    if (!targets.get(i).isTextual() || targets.get(i).asText().isEmpty()) {
                        error("targets[" + i + "]", "must be a string of 1..128 characters");
                    }
                }
            }
        }
        JsonNode ops = b.get("objectOperations");
        if (ops == null || !ops.isArray() || ops.isEmpty()) {
            error("objectOperations", "is required: at least one");
            return;
        }
        for (int i = 0; i < ops.size(); i++) {
            operation("objectOperations[" + i + "]", ops.get(i));
        }
    }

    private void operation(String f, JsonNode op) {
        if (!op.isObject()) {
            error(f, "must be an object");
            return;
        }
        words(f + ".objects", op.get("objects"), OBJECTS);
        words(f + ".operations", op.get("operations"), OPERATIONS);
        JsonNode url = op.get("callbackUrl");
        String problem = url == null || !url.isTextual() ? "is required" : callbackProblem(url.asText());
        if (problem != null) {
            error(f + ".callbackUrl", problem);
        }
        JsonNode token = op.get("bearerToken");
        if (token != null && !token.isNull() && (!token.isTextual() || token.asText().length() > 4096)) {
            error(f + ".bearerToken", "must be a string of at most 4096 characters");
        }
    }

    /** Why a callbackUrl is refused, or null when it is acceptable. */
    static String callbackProblem(String text) {
        if (text.length() < 2 || text.length() > 8000) {
            return "must be 2..8000 characters";
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return "must be an http or https URL";
            }
            if (uri.getRawUserInfo() != null) {
                return "must not carry credentials (use bearerToken)";
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return "must name a host";
            }
            if (uri.getRawFragment() != null) {
                return "must not have a fragment";
            }
            return null;
        } catch (URISyntaxException e) {
            return "is not a valid URL";
        }
    }

    private void words(String f, JsonNode array, Set<String> allowed) {
        if (array == null || !array.isArray() || array.isEmpty()) {
            error(f, "is required: a non-empty array");
            return;
        }
        for (JsonNode w : array) {
            if (!w.isTextual() || !allowed.contains(w.asText())) {
                error(f, "must contain only " + String.join(", ", allowed.stream().sorted().toList()));
                return;
            }
        }
    }

    private void error(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }
}
