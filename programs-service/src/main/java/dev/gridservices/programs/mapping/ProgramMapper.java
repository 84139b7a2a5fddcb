package dev.gridservices.programs.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridservices.kit.json.JsonText;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.programs.repository.Program;
import dev.gridservices.programs.repository.ProgramInstance;
import dev.gridservices.programs.repository.ProgramOffer;
import dev.gridservices.programs.repository.Visibility;
import dev.gridservices.programs.service.Enrollability;
import dev.gridservices.programs.service.InstanceDraft;
import dev.gridservices.programs.service.ProgramDraft;
import dev.gridservices.programs.service.UsStates;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** Core API (/v1) shapes to and from the domain, with the checks bean validation cannot express. */
@ApplicationScoped
public class ProgramMapper {

    /** URL safe (so a slug is a path segment) and a valid OpenADR programName. */
    public static final String SLUG_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_-]*$";

    /**
     * Path words under /v1/programs/ and /v2/programs/ that a slug must not be, or the program's URL would
     * reach another route: {@code /v1/programs/reports/*} is dispatch-service's (deploy/routes.yaml), and
     * {@code instances}, {@code offers}, {@code enrollments}, {@code events} are (or are planned as) sub-routes.
     * Compared case-insensitively.
     */
    public static final Set<String> RESERVED_SLUGS = Set.of("reports", "instances", "offers", "enrollments",
            "events");

    private final JsonText json;

    public ProgramMapper(JsonText json) {
        this.json = json;
    }

    public ProgramView toView(Program p) {
        return new ProgramView(p.id, p.slug, p.name, p.description, List.of(p.states), p.active, p.visibility,
                p.year, p.startTime, p.endTime, p.programType, p.createdAt, p.updatedAt);
    }

    public ProgramOffersView toView(Program p, List<ProgramOffer> offers) {
        return new ProgramOffersView(p.id, p.slug, offers.stream().anyMatch(ProgramOffer::toAllOems),
                offers.stream().filter(o -> !o.toAllOems()).map(o -> o.organizationId).toList());
    }

    public ProgramInstanceView toView(ProgramInstance i) {
        JsonNode metadata = json.read(i.metadata);
        return new ProgramInstanceView(i.id, i.program.id, i.program.slug, toView(i.program), i.slug, i.title,
                i.title, i.description, json.read(i.eligibilityCriteria), i.programTerms, i.programTerms,
                json.read(i.formConfig), i.logoUrl, i.startDate, i.endDate, i.status,
                Enrollability.acceptsEnrollments(i, OffsetDateTime.now()), metadata, metadata, i.organizationId,
                i.workspaceId, i.createdAt, i.updatedAt);
    }

    public ProgramDraft toDraft(CreateProgramRequest r) {
        checkNotReserved(r.slug(), "slug");
        List<String> states = checkStates(r.states());
        checkOrder(r.startTime(), r.endTime(), "endTime", "startTime");
        return new ProgramDraft(r.slug(), r.name(), r.description(), states,
                r.active() == null || r.active(),
                r.visibility() == null ? Visibility.PRIVATE : r.visibility(),
                r.programType(), r.year(), r.startTime(), r.endTime(), null, null,
                List.of(), null, List.of(), List.of());
    }

    /**
     * An instance create or patch: resolves the two seed documents' aliases and checks shapes.
     * {@code create} additionally requires a title.
     */
    public InstanceDraft toDraft(ProgramInstanceRequest r, boolean create) {
        String title = alias(r.title(), "title", r.name(), "name");
        if (create && (title == null || title.isBlank())) {
            throw ProblemException.invalid("title", "is required (or give it as name)");
        }
        if (title != null && title.isBlank()) {
            throw ProblemException.invalid("title", "must not be blank");
        }
        String terms = alias(r.programTerms(), "programTerms", r.customTerms(), "customTerms");
        JsonNode metadata = alias(given(r.metadata()), "metadata", given(r.customFields()), "customFields");
        JsonNode eligibility = given(r.eligibilityCriteria());
        if (eligibility != null && !eligibility.isObject() && !eligibility.isTextual()) {
            throw ProblemException.invalid("eligibilityCriteria", "must be a JSON object or a string");
        }
        JsonNode formConfig = given(r.formConfig());
        if (formConfig != null && !formConfig.isObject()) {
            throw ProblemException.invalid("formConfig", "must be a JSON object");
        }
        if (metadata != null && !metadata.isObject()) {
            throw ProblemException.invalid(r.metadata() != null ? "metadata" : "customFields",
                    "must be a JSON object");
        }
        if (r.logoUrl() != null && !isHttpUrl(r.logoUrl())) {
            throw ProblemException.invalid("logoUrl", "must be an absolute http(s) URL");
        }
        checkOrder(r.startDate(), r.endDate(), "endDate", "startDate");
        return new InstanceDraft(r.slug(), title, r.description(), eligibility, terms, formConfig, r.logoUrl(),
                r.startDate(), r.endDate(), r.status(), metadata);
    }

    /** 400 naming {@code field} when {@code slug} is one of the {@link #RESERVED_SLUGS}. */
    public static void checkNotReserved(String slug, String field) {
        if (slug != null && RESERVED_SLUGS.contains(slug.toLowerCase(Locale.ROOT))) {
            throw ProblemException.invalid(field, "'" + slug + "' is reserved (a route word under /v1/programs/): "
                    + String.join(", ", RESERVED_SLUGS.stream().sorted().toList()) + " cannot be slugs");
        }
    }

    /** Validates US state codes, naming the offending element ({@code states[1]}); dedupes, keeps order. */
    static List<String> checkStates(List<String> states) {
        if (states == null) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            String code = states.get(i);
            if (!UsStates.isValid(code)) {
                throw ProblemException.invalid("states[" + i + "]",
                        "'" + code + "' is not a US two-letter state code (e.g. NY)");
            }
            if (!result.contains(code)) {
                result.add(code);
            }
        }
        return result;
    }

    static void checkOrder(OffsetDateTime start, OffsetDateTime end, String endField, String startField) {
        if (start != null && end != null && !end.isAfter(start)) {
            throw ProblemException.invalid(endField, "must be after " + startField);
        }
    }

    static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static <T> T alias(T first, String firstName, T second, String secondName) {
        if (first != null && second != null && !Objects.equals(first, second)) {
            throw ProblemException.invalid(secondName, "is an alias of " + firstName + " and must not differ from it");
        }
        return first != null ? first : second;
    }

    private static JsonNode given(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }
}
