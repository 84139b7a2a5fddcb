package dev.gridservices.programs.mapping;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gridservices.kit.json.JsonText;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.openadr.IntervalPeriod;
import dev.gridservices.openadr.IsoDuration;
import dev.gridservices.openadr.ObjectType;
import dev.gridservices.openadr.ProgramAttributes;
import dev.gridservices.openadr.ProgramDescription;
import dev.gridservices.openadr.ProgramRequest;
import dev.gridservices.openadr.ValuesMap;
import dev.gridservices.programs.repository.Program;
import dev.gridservices.programs.repository.ProgramType;
import dev.gridservices.programs.repository.Visibility;
import dev.gridservices.programs.service.Caller;
import dev.gridservices.programs.service.ProgramDraft;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one program model as an OpenADR 3.1 program object (/v2) and back. Mapping:
 * id = program id; programName = slug; intervalPeriod = startTime + duration (endTime = start + duration);
 * programDescriptions = description URLs; attributes carry PROGRAM_LONG_NAME (name), PROGRAM_TYPE,
 * COUNTRY (US) and PRINCIPAL_SUBDIVISION (US-NY ...: states), plus the platform's x-texture:DESCRIPTION,
 * x-texture:ACTIVE, x-texture:VISIBILITY and x-texture:YEAR; any other attribute is stored and returned
 * as given; targets are stored as given.
 */
@ApplicationScoped
public class OpenAdrProgramMapper {

    private static final Set<String> MAPPED = Set.of(ProgramAttributes.PROGRAM_LONG_NAME,
            ProgramAttributes.PROGRAM_TYPE, ProgramAttributes.COUNTRY, ProgramAttributes.PRINCIPAL_SUBDIVISION,
            ProgramAttributes.X_DESCRIPTION, ProgramAttributes.X_ACTIVE, ProgramAttributes.X_VISIBILITY,
            ProgramAttributes.X_YEAR);

    private final JsonText json;

    public OpenAdrProgramMapper(JsonText json) {
        this.json = json;
    }

    /**
     * The program as {@code viewer} may see it. Targets name VENs and groups of the owner's choosing: the owner
     * (and the platform admin) see them all; a VEN sees only its own venID among them; anyone else none.
     */
    public dev.gridservices.openadr.Program toOpenAdr(Program p, Caller viewer) {
        List<ValuesMap> attributes = new ArrayList<>();
        attributes.add(ValuesMap.of(ProgramAttributes.PROGRAM_LONG_NAME, p.name));
        if (p.programType != null) {
            attributes.add(ValuesMap.of(ProgramAttributes.PROGRAM_TYPE, p.programType.toUpperCase(Locale.ROOT)));
        }
        if (p.states.length > 0) {
            attributes.add(ValuesMap.of(ProgramAttributes.COUNTRY, "US"));
            attributes.add(ValuesMap.ofAll(ProgramAttributes.PRINCIPAL_SUBDIVISION,
                    List.of(p.states).stream().map(s -> "US-" + s).toList()));
        }
        if (!p.description.isEmpty()) {
            attributes.add(ValuesMap.of(ProgramAttributes.X_DESCRIPTION, p.description));
        }
        attributes.add(ValuesMap.of(ProgramAttributes.X_ACTIVE, p.active));
        attributes.add(ValuesMap.of(ProgramAttributes.X_VISIBILITY, p.visibility));
        if (p.year != null) {
            attributes.add(ValuesMap.of(ProgramAttributes.X_YEAR, p.year));
        }
        attributes.addAll(json.readList(p.extraAttributes, new TypeReference<List<ValuesMap>>() { }));
        List<String> urls = json.readList(p.descriptionUrls, new TypeReference<List<String>>() { });
        List<JsonNode> descriptors = p.payloadDescriptors == null ? null
                : json.readList(p.payloadDescriptors, new TypeReference<List<JsonNode>>() { });
        return new dev.gridservices.openadr.Program(p.id, p.createdAt, p.updatedAt, ObjectType.PROGRAM, p.slug,
                intervalPeriod(p), urls.isEmpty() ? null : urls.stream().map(ProgramDescription::new).toList(),
                descriptors, attributes, targetsFor(p, viewer));
    }

    private static List<String> targetsFor(Program p, Caller viewer) {
        List<String> all = List.of(p.targets);
        if (viewer.platformAdmin() || p.organizationId.equals(viewer.organizationId())) {
            return all.isEmpty() ? null : all;
        }
        return viewer.venId() != null && all.contains(viewer.venId()) ? List.of(viewer.venId()) : null;
    }

    private static IntervalPeriod intervalPeriod(Program p) {
        if (p.startTime == null) {
            return p.intervalDuration == null ? null : new IntervalPeriod(null, p.intervalDuration, p.randomizeStart);
        }
        String duration = p.intervalDuration;
        if (duration == null && p.endTime != null) {
            duration = IsoDuration.between(p.startTime, p.endTime);
        }
        return new IntervalPeriod(p.startTime, duration, p.randomizeStart);
    }

    /** Validates an OpenADR programRequest and turns it into the domain's draft, naming bad fields. */
    public ProgramDraft toDraft(ProgramRequest r) {
        if (r == null) {
            throw ProblemException.invalid("programName", "is required");
        }
        String slug = r.programName();
        if (slug == null || slug.isEmpty() || slug.length() > 128) {
            throw ProblemException.invalid("programName", "is required, 1 to 128 characters");
        }
        if (!slug.matches(ProgramMapper.SLUG_PATTERN)) {
            throw ProblemException.invalid("programName",
                    "must be URL safe: letters, digits, '-' or '_', starting with a letter or digit");
        }
        ProgramMapper.checkNotReserved(slug, "programName");
        OffsetDateTime start = null;
        OffsetDateTime end = null;
        String duration = null;
        String randomize = null;
        IntervalPeriod period = r.intervalPeriod();
        if (period != null) {
            start = period.start();
            duration = period.duration();
            randomize = period.randomizeStart();
            if (duration != null && !IsoDuration.isValid(duration)) {
                throw ProblemException.invalid("intervalPeriod.duration", "must be an ISO 8601 duration, e.g. P1Y");
            }
            if (duration != null && duration.startsWith("-")) {
                throw ProblemException.invalid("intervalPeriod.duration", "must not be negative");
            }
            if (randomize != null && !IsoDuration.isValid(randomize)) {
                throw ProblemException.invalid("intervalPeriod.randomizeStart", "must be an ISO 8601 duration");
            }
            end = period.end();
        }
        List<String> urls = new ArrayList<>();
        if (r.programDescriptions() != null) {
            for (int i = 0; i < r.programDescriptions().size(); i++) {
                ProgramDescription d = r.programDescriptions().get(i);
                if (d == null || d.url() == null || d.url().length() < 2 || d.url().length() > 8000
                        || !isUri(d.url())) {
                    throw ProblemException.invalid("programDescriptions[" + i + "].URL", "must be a URI");
                }
                urls.add(d.url());
            }
        }
        List<String> targets = new ArrayList<>();
        if (r.targets() != null) {
            for (int i = 0; i < r.targets().size(); i++) {
                String t = r.targets().get(i);
                if (t == null || t.isEmpty() || t.length() > 128) {
                    throw ProblemException.invalid("targets[" + i + "]", "must be 1 to 128 characters");
                }
                targets.add(t);
            }
        }
        if (r.payloadDescriptors() != null) {
            for (int i = 0; i < r.payloadDescriptors().size(); i++) {
                JsonNode d = r.payloadDescriptors().get(i);
                String type = d == null ? "" : d.path("objectType").asText();
                if (!"EVENT_PAYLOAD_DESCRIPTOR".equals(type) && !"REPORT_PAYLOAD_DESCRIPTOR".equals(type)) {
                    throw ProblemException.invalid("payloadDescriptors[" + i + "].objectType",
                            "must be EVENT_PAYLOAD_DESCRIPTOR or REPORT_PAYLOAD_DESCRIPTOR");
                }
                if (!d.path("payloadType").isTextual() || d.path("payloadType").asText().isEmpty()) {
                    throw ProblemException.invalid("payloadDescriptors[" + i + "].payloadType", "is required");
                }
            }
        }
        return fromAttributes(r, slug, start, end, duration, randomize, urls, targets);
    }

    private ProgramDraft fromAttributes(ProgramRequest r, String slug, OffsetDateTime start, OffsetDateTime end,
                                        String duration, String randomize, List<String> urls, List<String> targets) {
        String name = slug;
        String description = "";
        List<String> states = List.of();
        boolean active = true;
        Visibility visibility = Visibility.PRIVATE;
        ProgramType type = null;
        Integer year = null;
        List<ValuesMap> extra = new ArrayList<>();
        List<ValuesMap> attributes = r.attributes() == null ? List.of() : r.attributes();
        for (int i = 0; i < attributes.size(); i++) {
            ValuesMap a = attributes.get(i);
            String field = "attributes[" + i + "]";
            if (a == null || a.type() == null || a.type().isEmpty() || a.type().length() > 128) {
                throw ProblemException.invalid(field + ".type", "is required, 1 to 128 characters");
            }
            if (a.values() == null) {
                throw ProblemException.invalid(field + ".values", "is required");
            }
            if (!MAPPED.contains(a.type())) {
                extra.add(a);
                continue;
            }
            List<JsonNode> values = a.values();
            String values0 = field + ".values[0]";
            switch (a.type()) {
                case ProgramAttributes.PROGRAM_LONG_NAME -> name = single(values, values0, 255);
                case ProgramAttributes.X_DESCRIPTION -> description = single(values, values0, 20000);
                case ProgramAttributes.PROGRAM_TYPE -> {
                    String text = single(values, values0, 128);
                    type = ProgramType.parse(text.toLowerCase(Locale.ROOT)).orElseThrow(() ->
                            ProblemException.invalid(values0, "unknown program type '" + text + "'"));
                }
                case ProgramAttributes.COUNTRY -> {
                    if (!"US".equals(single(values, values0, 2))) {
                        throw ProblemException.invalid(values0, "only US programs are supported");
                    }
                }
                case ProgramAttributes.PRINCIPAL_SUBDIVISION -> {
                    List<String> codes = new ArrayList<>();
                    for (int j = 0; j < values.size(); j++) {
                        String text = values.get(j).asText();
                        if (!values.get(j).isTextual() || !text.startsWith("US-")) {
                            throw ProblemException.invalid(field + ".values[" + j + "]",
                                    "must be an ISO 3166-2 US subdivision, e.g. US-NY");
                        }
                        codes.add(text.substring(3));
                    }
                    try {
                        states = ProgramMapper.checkStates(codes);
                    } catch (ProblemException e) {
                        String index = e.errors().get(0).field().replace("states", "");
                        throw ProblemException.invalid(field + ".values" + index,
                                "must be an ISO 3166-2 US state subdivision, e.g. US-NY");
                    }
                }
                case ProgramAttributes.X_ACTIVE -> {
                    if (values.size() != 1 || !values.get(0).isBoolean()) {
                        throw ProblemException.invalid(values0, "must be one boolean");
                    }
                    active = values.get(0).asBoolean();
                }
                case ProgramAttributes.X_VISIBILITY -> {
                    String text = single(values, values0, 16);
                    visibility = Visibility.parse(text).orElseThrow(() ->
                            ProblemException.invalid(values0, "must be public or private"));
                }
                case ProgramAttributes.X_YEAR -> {
                    if (values.size() != 1 || !values.get(0).isInt()
                            || values.get(0).asInt() < 1900 || values.get(0).asInt() > 2200) {
                        throw ProblemException.invalid(values0, "must be one year between 1900 and 2200");
                    }
                    year = values.get(0).asInt();
                }
                default -> throw new IllegalStateException(a.type());
            }
        }
        return new ProgramDraft(slug, name, description, states, active, visibility, type, year, start, end,
                duration, randomize, urls, r.payloadDescriptors(), extra, targets);
    }

    private static String single(List<JsonNode> values, String field, int maxLength) {
        if (values.size() != 1 || !values.get(0).isTextual() || values.get(0).asText().isBlank()
                || values.get(0).asText().length() > maxLength) {
            throw ProblemException.invalid(field, "must be one non-blank string of at most " + maxLength
                    + " characters");
        }
        return values.get(0).asText();
    }

    private static boolean isUri(String text) {
        try {
            new java.net.URI(text);
            return true;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
