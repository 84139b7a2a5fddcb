package dev.gridservices.enrollment.service;

import dev.gridservices.enrollment.mapping.DirectEnrollmentRequest;
import dev.gridservices.enrollment.repository.ConsentRecord;
import dev.gridservices.enrollment.repository.Enrollment;
import dev.gridservices.enrollment.repository.InstanceView;
import dev.gridservices.enrollment.repository.ProgramOffer;
import dev.gridservices.enrollment.repository.ProgramView;
import dev.gridservices.enrollment.repository.ResourceView;
import dev.gridservices.enrollment.repository.SiteView;
import dev.gridservices.enrollment.repository.Transition;
import dev.gridservices.kit.json.JsonText;
import dev.gridservices.kit.persistence.DatabaseViolation;
import dev.gridservices.kit.problem.Problem;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The OEM side (Direct API §10): device enrollments with consent, and the lifecycle moves that territory,
 * consent, program assignment and connectivity cause. The OEM organization owns the device and its consent;
 * the utility organization owns the instance.
 */
@ApplicationScoped
public class DirectEnrollmentService {

    /** A new or re-created enrollment and whether this request created it (201) or found it (200). */
    public record Outcome(Enrollment enrollment, ConsentRecord consent, boolean created) {
    }

    /** The OEM caller: its organization and, for a VEN-bound token, its VEN. */
    public record Oem(String organizationId, String venId) {
        String actor() {
            return "oem:" + organizationId + (venId == null ? "" : "/ven:" + venId);
        }
    }

    private final Lifecycle lifecycle;
    private final JsonText json;
    private final MeterRegistry registry;
    private final Duration maxConsentAge;

    public DirectEnrollmentService(Lifecycle lifecycle, JsonText json, MeterRegistry registry,
                                   @ConfigProperty(name = "enrollment.consent.max-age", defaultValue = "P90D")
                                   Duration maxConsentAge) {
        this.lifecycle = lifecycle;
        this.json = json;
        this.registry = registry;
        this.maxConsentAge = maxConsentAge;
    }

    public Uni<Outcome> enroll(Oem oem, DirectEnrollmentRequest in) {
        required("resourceID", in.resourceID());
        required("siteID", in.siteID());
        required("programID", in.programID());
        return Panache.withTransaction(() -> resource(oem, in.resourceID()).flatMap(resource -> {
            if (resource.siteId != null && !resource.siteId.equals(in.siteID())) {
                throw ProblemException.invalid("siteID", "resource " + resource.id + " is at site " + resource.siteId);
            }
            return site(oem, in.siteID(), "siteID").flatMap(site -> instanceFor(oem, in)
                    .flatMap(target -> Enrollment.<Enrollment>find("deviceId = ?1 and programId = ?2 and kind = ?3 "
                                    + "and endedAt is null", resource.id, target.instance.programId, Enrollment.DIRECT)
                            .firstResult()
                            .flatMap(existing -> existing != null
                                    ? consentOf(existing).map(c -> new Outcome(existing, c, false))
                                    : create(oem, in, resource, site, target))));
        })).onFailure(DatabaseViolation::isUniqueViolation).recoverWithUni(() -> Panache.withSession(() ->
                Enrollment.<Enrollment>find("deviceId = ?1 and kind = ?2 and endedAt is null and "
                                + "(programId = ?3 or openadrProgramId = ?3)", in.resourceID(), Enrollment.DIRECT,
                        in.programID()).firstResult()
                        .flatMap(e -> consentOf(e).map(c -> new Outcome(e, c, false)))));
    }

    private record Target(InstanceView instance, ProgramView program) {
    }

    private Uni<Outcome> create(Oem oem, DirectEnrollmentRequest in, ResourceView resource, SiteView site,
                                Target target) {
        String programType = target.program == null ? null : target.program.programType;
        DirectEnrollmentRequest.Consent c = in.consent();
        List<ConsentRules.Violation> violations = ConsentRules.check(c == null ? null
                : new ConsentRules.Consent(c.optIn(), c.timestamp() == null ? null : c.timestamp().toInstant(),
                        c.source(), c.termsVersion(), c.scope()), lifecycle.now().toInstant(), maxConsentAge,
                programType);
        if (!violations.isEmpty()) {
            violations.forEach(v -> registry.counter("enrollment.consent.refusals", "rule", v.rule()).increment());
            List<Problem.FieldError> errors = violations.stream().map(ConsentRules.Violation::error).toList();
            throw new ProblemException(ProblemType.VALIDATION_ERROR, "Consent refused: " + errors.stream()
                    .map(e -> e.field() + " " + e.message()).reduce((a, b) -> a + "; " + b).orElseThrow(), errors,
                    Map.of());
        }
        String outcome = site.territoryOutcome == null ? "unmatched" : site.territoryOutcome;
        if ("no_match".equals(outcome) || "invalid_location".equals(outcome)) {
            registry.counter("enrollment.territory.refusals", "outcome", outcome).increment();
            throw ProblemException.invalid("siteID", "no_match".equals(outcome)
                    ? "territory outcome no_match: the site is outside supported territories"
                    : "territory outcome invalid_location: the address cannot be geocoded; correct the site");
        }
        EligibilityRules.Result rules = EligibilityRules.evaluate(json.read(target.instance.eligibilityCriteria),
                json.strings(target.instance.states),
                new EligibilityRules.Facts(site.state, resource.deviceType, resource.capacity, site.utilityId));
        if (rules.status() == EligibilityStatus.INELIGIBLE) {
            registry.counter("enrollment.eligibility.refusals").increment();
            throw ProblemException.invalid("resourceID", "not eligible for program instance "
                    + target.instance.instanceId + ": " + rules.reason());
        }
        Enrollment e = new Enrollment();
        e.id = Ids.next();
        e.kind = Enrollment.DIRECT;
        e.instanceId = target.instance.instanceId;
        e.programId = target.instance.programId;
        e.openadrProgramId = target.instance.openadrProgramId == null ? target.instance.programId
                : target.instance.openadrProgramId;
        e.utilityOrganizationId = target.instance.organizationId;
        e.oemOrganizationId = oem.organizationId();
        e.venId = resource.venId;
        e.deviceId = resource.id;
        e.resourceName = resource.resourceName;
        e.deviceType = resource.deviceType;
        e.siteId = site.id;
        e.identificationType = "device";
        e.createdAt = lifecycle.now();
        e.lastChangeAt = e.createdAt;
        String actor = oem.actor();
        List<Transition> steps = new ArrayList<>();
        DeviceState first = switch (outcome) {
            case "matched" -> DeviceState.ELIGIBLE;
            case "ambiguous" -> DeviceState.PENDING_VERIFICATION;
            default -> DeviceState.DISCOVERED;
        };
        steps.add(lifecycle.move(e, first, "territory_" + outcome, actor, territoryReason(outcome, site),
                e.createdAt));
        steps.addAll(advance(e, true, "online".equals(resource.connectivity), actor, e.createdAt));
        ConsentRecord consent = new ConsentRecord();
        consent.id = Ids.next();
        consent.enrollmentId = e.id;
        consent.organizationId = oem.organizationId();
        consent.deviceId = resource.id;
        consent.optIn = true;
        consent.consentedAt = c.timestamp();
        consent.source = c.source();
        consent.termsVersion = c.termsVersion();
        consent.scope = json.write(c.scope());
        consent.recordedAt = lifecycle.now();
        return lifecycle.commit(e, true, "enrolled", actor, steps)
                .call(() -> consent.persist())
                .map(saved -> new Outcome(saved, consent, true));
    }

    /**
     * From eligible, with validated consent, on to opted_in and enrolled (the program assignment is complete
     * once the instance accepts the device), and to active when the device is online.
     */
    List<Transition> advance(Enrollment e, boolean consented, boolean online, String actor, OffsetDateTime at) {
        List<Transition> steps = new ArrayList<>();
        if (DeviceState.ELIGIBLE.wire().equals(e.state) && consented) {
            steps.add(lifecycle.move(e, DeviceState.OPTED_IN, "consent_validated", actor, "consent validated", at));
            steps.add(lifecycle.move(e, DeviceState.ENROLLED, "program_assigned", actor,
                    "assigned to program instance " + e.instanceId, at));
        }
        if (DeviceState.ENROLLED.wire().equals(e.state) && online) {
            steps.add(lifecycle.move(e, DeviceState.ACTIVE, "device_online", actor, "device is online", at));
        }
        return steps;
    }

    /**
     * Re-runs territory matching for a live enrollment after its site's outcome is known again (relocation,
     * or a site update on devices.changed).
     */
    List<Transition> rematch(Enrollment e, SiteView site, boolean online, String cause, String actor,
                             OffsetDateTime at) {
        DeviceState state = DeviceState.ofWire(e.state);
        if (state.isFinal()) {
            return List.of();
        }
        String outcome = site.territoryOutcome == null ? "unmatched" : site.territoryOutcome;
        List<Transition> steps = new ArrayList<>();
        switch (outcome) {
            case "matched" -> {
                if (state == DeviceState.DISCOVERED || state == DeviceState.PENDING_VERIFICATION) {
                    steps.add(lifecycle.move(e, DeviceState.ELIGIBLE, cause, actor, territoryReason(outcome, site), at));
                    steps.addAll(advance(e, true, online, actor, at));
                }
            }
            case "no_match", "invalid_location" ->
                    steps.add(lifecycle.move(e, DeviceState.REVOKED, cause, actor, territoryReason(outcome, site), at));
            case "ambiguous" -> {
                if (state != DeviceState.PENDING_VERIFICATION) {
                    steps.add(lifecycle.move(e, DeviceState.PENDING_VERIFICATION, cause, actor,
                            territoryReason(outcome, site), at));
                }
            }
            default -> {
                if (state != DeviceState.DISCOVERED && state != DeviceState.PENDING_VERIFICATION) {
                    steps.add(lifecycle.move(e, DeviceState.PENDING_VERIFICATION, cause, actor,
                            territoryReason(outcome, site), at));
                }
            }
        }
        return steps;
    }

    static String territoryReason(String outcome, SiteView site) {
        return switch (outcome) {
            case "matched" -> "territory matched" + (site.utilityName == null ? "" : ": " + site.utilityName);
            case "partial" -> "utility identified, no active program matched";
            case "ambiguous" -> "several possible utilities: manual review (resolution within 48 business hours)";
            case "no_match" -> "the site is outside supported territories";
            case "invalid_location" -> "the site's address cannot be geocoded";
            default -> "the site's territory is not matched yet";
        };
    }

    /** DELETE /v1/enrollments/{id} on a device enrollment: the utility ends it; the record stays (revoked). */
    public Uni<Enrollment> endByUtility(Enrollment e, String actor) {
        if (DeviceState.ofWire(e.state).isFinal()) {
            return Uni.createFrom().item(e);
        }
        Transition t = lifecycle.move(e, DeviceState.REVOKED, "ended_by_utility", actor, "ended by the utility",
                lifecycle.now());
        return lifecycle.commit(e, false, "ended_by_utility", actor, List.of(t));
    }

    public Uni<List<Enrollment>> list(Oem oem, String resourceId, String programId, int skip, int limit) {
        StringBuilder where = new StringBuilder("oemOrganizationId = :org and kind = 'direct'");
        Map<String, Object> params = new HashMap<>();
        params.put("org", oem.organizationId());
        if (oem.venId() != null) {
            where.append(" and venId = :ven");
            params.put("ven", oem.venId());
        }
        if (resourceId != null) {
            where.append(" and deviceId = :device");
            params.put("device", resourceId);
        }
        if (programId != null) {
            where.append(" and (programId = :program or openadrProgramId = :program)");
            params.put("program", programId);
        }
        return Panache.withSession(() -> Enrollment.<Enrollment>find(where.toString(), Sort.by("createdAt").and("id"),
                params).range(skip, skip + limit - 1).list());
    }

    public Uni<Enrollment> get(Oem oem, String id) {
        return Panache.withSession(() -> ownedByOem(oem, id));
    }

    public Uni<ConsentRecord> consentOf(Enrollment e) {
        return ConsentRecord.<ConsentRecord>find("enrollmentId = ?1 order by recordedAt desc", e.id).firstResult();
    }

    public Uni<List<Transition>> history(Enrollment e) {
        return Transition.<Transition>find("enrollmentId = ?1 order by id", e.id).list();
    }

    Uni<Enrollment> ownedByOem(Oem oem, String id) {
        return Enrollment.<Enrollment>find("id = ?1 and oemOrganizationId = ?2 and kind = 'direct'", id,
                        oem.organizationId()).firstResult()
                .map(e -> {
                    if (e == null || (oem.venId() != null && !oem.venId().equals(e.venId))) {
                        throw ProblemException.notFound("Enrollment", id);
                    }
                    return e;
                });
    }

    /** The OEM's own device (and, for a VEN-bound token, its VEN's); anything else is 404. */
    Uni<ResourceView> resource(Oem oem, String id) {
        return ResourceView.<ResourceView>findById(id).map(r -> {
            if (r == null || r.deleted || !oem.organizationId().equals(r.organizationId)
                    || (oem.venId() != null && !oem.venId().equals(r.venId))) {
                throw ProblemException.notFound("Resource", id);
            }
            return r;
        });
    }

    Uni<SiteView> site(Oem oem, String id, String field) {
        return SiteView.<SiteView>findById(id).map(s -> {
            if (s == null || s.deleted || !oem.organizationId().equals(s.organizationId)) {
                throw new ProblemException(ProblemType.NOT_FOUND, "Site " + id + " not found",
                        List.of(new Problem.FieldError(field, "unknown site")), Map.of());
            }
            return s;
        });
    }

    /** The instance to enroll in: one the program is offered through to this OEM, open for enrollment. */
    private Uni<Target> instanceFor(Oem oem, DirectEnrollmentRequest in) {
        return InstanceView.<InstanceView>find("(programId = ?1 or openadrProgramId = ?1) and deleted = false",
                        in.programID()).list()
                .flatMap(instances -> ProgramView.<ProgramView>find("programId = ?1 or openadrProgramId = ?1",
                                in.programID()).firstResult()
                        .flatMap(program -> ProgramOffer.<ProgramOffer>find("programId = ?1",
                                        program == null ? in.programID() : program.programId).list()
                                .map(offers -> {
                                    List<InstanceView> offered = instances.stream().filter(i -> ReadModels.offeredTo(
                                            oem.organizationId(), i, offers.stream().findFirst()
                                                    .orElse(null), program, json)).toList();
                                    if (in.programInstanceId() != null) {
                                        offered = offered.stream()
                                                .filter(i -> i.instanceId.equals(in.programInstanceId())).toList();
                                    }
                                    if (offered.isEmpty()) {
                                        throw new ProblemException(ProblemType.NOT_FOUND, "Program " + in.programID()
                                                + " is not offered to your organization",
                                                List.of(new Problem.FieldError("programID", "not offered")), Map.of());
                                    }
                                    if (offered.size() > 1) {
                                        throw ProblemException.invalid("programInstanceId", "program "
                                                + in.programID() + " is offered by several utilities: name the instance");
                                    }
                                    InstanceView instance = offered.get(0);
                                    if (!ReadModels.acceptsEnrollments(instance, lifecycle.now())) {
                                        throw ProblemException.conflict("Program instance " + instance.instanceId
                                                + " is " + instance.status + " and accepts no enrollments");
                                    }
                                    return new Target(instance, program);
                                })));
    }

    private static void required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "is required");
        }
    }
}
