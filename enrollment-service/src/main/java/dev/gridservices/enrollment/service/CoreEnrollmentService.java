package dev.gridservices.enrollment.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridservices.enrollment.mapping.Address;
import dev.gridservices.enrollment.mapping.EnrollmentInput;
import dev.gridservices.enrollment.repository.Enrollment;
import dev.gridservices.enrollment.repository.InstanceView;
import dev.gridservices.enrollment.repository.Lead;
import dev.gridservices.enrollment.repository.Transition;
import dev.gridservices.kit.json.JsonText;
import dev.gridservices.kit.paging.Page;
import dev.gridservices.kit.paging.PageRequest;
import dev.gridservices.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The utility side (core API): enrollments into the caller's own program instances. Every query is scoped to
 * the caller's organization as the instance owner; another organization's enrollment or instance is 404.
 */
@ApplicationScoped
public class CoreEnrollmentService {

    static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final Lifecycle lifecycle;
    private final JsonText json;
    private final DirectEnrollmentService direct;

    public CoreEnrollmentService(Lifecycle lifecycle, JsonText json, DirectEnrollmentService direct) {
        this.lifecycle = lifecycle;
        this.json = json;
        this.direct = direct;
    }

    public Uni<Enrollment> create(String org, String workspaceId, String instanceId, EnrollmentInput in) {
        validate(in);
        String actor = "utility:" + org;
        return Panache.withTransaction(() -> ownedInstance(org, instanceId).flatMap(instance -> {
            if (!ReadModels.acceptsEnrollments(instance, lifecycle.now())) {
                throw ProblemException.conflict("Program instance " + instanceId + " is " + instance.status
                        + (instance.deleted ? " (deleted)" : "") + " and accepts no enrollments");
            }
            Enrollment e = new Enrollment();
            e.id = Ids.next();
            e.kind = Enrollment.CORE;
            e.instanceId = instance.instanceId;
            e.programId = instance.programId;
            e.openadrProgramId = instance.openadrProgramId;
            e.utilityOrganizationId = org;
            e.workspaceId = workspaceId;
            e.identificationType = in.identificationType();
            e.createdAt = lifecycle.now();
            return identify(org, e, in).map(identified -> {
                copyCommon(identified, in);
                List<Transition> steps = new ArrayList<>();
                if (in.eligibility() != null) {
                    e.eligibilityStatus = in.eligibility().status();
                    e.eligibilityReason = in.eligibility().reason() == null ? "set by the utility at enrollment"
                            : in.eligibility().reason();
                    steps.add(lifecycle.start(e, e.eligibilityStatus, "initial_status", actor, e.eligibilityReason));
                } else {
                    Address a = e.address == null ? null : json.mapper().convertValue(json.read(e.address), Address.class);
                    EligibilityRules.Result r = EligibilityRules.evaluate(json.read(instance.eligibilityCriteria),
                            json.strings(instance.states),
                            new EligibilityRules.Facts(a == null ? null : a.state(), null, null, null));
                    e.eligibilityStatus = r.status().wire();
                    e.eligibilityReason = r.reason();
                    steps.add(lifecycle.start(e, e.eligibilityStatus, "eligibility_computed", actor, r.reason()));
                }
                return steps;
            }).flatMap(steps -> lifecycle.commit(e, true, "enrolled", actor, steps));
        }));
    }

    /** Fills the customer from what the identification type names; a named lead or enrollment must be ours. */
    private Uni<Enrollment> identify(String org, Enrollment e, EnrollmentInput in) {
        switch (in.identificationType()) {
            case "customerInfo" -> {
                e.firstName = in.firstName();
                e.lastName = in.lastName();
                e.email = in.email();
                return Uni.createFrom().item(e);
            }
            case "customerId" -> {
                e.customerId = in.customerId();
                return Uni.createFrom().item(e);
            }
            case "leadId" -> {
                return Lead.<Lead>find("id = ?1 and organizationId = ?2", in.leadId(), org).firstResult()
                        .map(lead -> {
                            if (lead == null) {
                                throw ProblemException.notFound("Lead", in.leadId());
                            }
                            e.leadId = lead.id;
                            e.email = lead.email;
                            e.firstName = lead.firstName;
                            e.lastName = lead.lastName;
                            e.phone = lead.phone;
                            return e;
                        });
            }
            default -> {
                return owned(org, in.enrollmentId()).map(source -> {
                    e.customerId = source.customerId;
                    e.leadId = source.leadId;
                    e.firstName = source.firstName;
                    e.lastName = source.lastName;
                    e.email = source.email;
                    e.phone = source.phone;
                    e.address = source.address;
                    e.referenceId = source.referenceId;
                    e.serialNumber = source.serialNumber;
                    return e;
                });
            }
        }
    }

    private void copyCommon(Enrollment e, EnrollmentInput in) {
        if (in.address() != null) {
            e.address = json.write(in.address().country() == null ? new Address(in.address().streetOne(),
                    in.address().streetTwo(), in.address().city(), in.address().state(), in.address().postalCode(),
                    "USA") : in.address());
        }
        if (in.phone() != null) {
            e.phone = in.phone();
        }
        if (in.serialNumber() != null) {
            e.serialNumber = in.serialNumber();
        }
        if (in.referenceId() != null) {
            e.referenceId = in.referenceId();
        }
        e.referenceDescription = in.referenceDescription();
        e.manufacturerSlugs = json.write(in.manufacturerSlugs() == null ? List.of() : in.manufacturerSlugs());
        e.tags = json.write(in.tags() == null ? List.of() : in.tags());
        e.meta = json.write(in.meta() == null ? Map.of() : in.meta());
        e.enrollmentStartDate = in.enrollmentStartDate();
    }

    static void validate(EnrollmentInput in) {
        String type = in.identificationType();
        if (type == null) {
            throw ProblemException.invalid("identificationType", "is required");
        }
        switch (type) {
            case "customerInfo" -> {
                required("firstName", in.firstName());
                required("lastName", in.lastName());
                required("email", in.email());
                if (!EMAIL.matcher(in.email()).matches()) {
                    throw ProblemException.invalid("email", "must be an email address");
                }
                address(in.address(), true);
            }
            case "customerId" -> {
                required("customerId", in.customerId());
                address(in.address(), false);
            }
            case "enrollmentId" -> {
                required("enrollmentId", in.enrollmentId());
                address(in.address(), false);
            }
            case "leadId" -> {
                required("leadId", in.leadId());
                address(in.address(), true);
            }
            default -> throw ProblemException.invalid("identificationType",
                    "must be customerInfo, customerId, enrollmentId or leadId");
        }
        if (in.eligibility() != null) {
            required("eligibility.status", in.eligibility().status());
            if (EligibilityStatus.parse(in.eligibility().status()).isEmpty()) {
                throw ProblemException.invalid("eligibility.status", "must be one of candidate, eligible, "
                        + "ineligible, submitted, approved, rejected, unenrolling, unenrolled");
            }
        }
        if (in.tags() != null && in.tags().size() > 100) {
            throw ProblemException.invalid("tags", "at most 100");
        }
        if (in.manufacturerSlugs() != null && in.manufacturerSlugs().size() > 100) {
            throw ProblemException.invalid("manufacturerSlugs", "at most 100");
        }
    }

    private static void address(Address a, boolean required) {
        if (a == null) {
            if (required) {
                throw ProblemException.invalid("address", "is required");
            }
            return;
        }
        required("address.streetOne", a.streetOne());
        required("address.city", a.city());
        required("address.state", a.state());
        required("address.postalCode", a.postalCode());
    }

    private static void required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "is required");
        }
    }

    public Uni<Page<Enrollment>> list(String org, String instanceId, String status, PageRequest page) {
        return Panache.withSession(() -> ownedInstance(org, instanceId).flatMap(instance -> {
            String where = "instanceId = :instance and utilityOrganizationId = :org"
                    + (status == null ? "" : " and eligibilityStatus = :status");
            Map<String, Object> params = new HashMap<>();
            params.put("instance", instanceId);
            params.put("org", org);
            if (status != null) {
                params.put("status", status);
            }
            var query = Enrollment.<Enrollment>find(where, Sort.by("createdAt").and("id"), params);
            return query.count().flatMap(total -> query
                    .page(io.quarkus.panache.common.Page.of(page.page() - 1, page.perPage())).list()
                    .map(rows -> Page.of(rows, page, total)));
        }));
    }

    public Uni<Enrollment> get(String org, String id) {
        return Panache.withSession(() -> owned(org, id));
    }

    public Uni<Enrollment> end(String org, String id) {
        String actor = "utility:" + org;
        return Panache.withTransaction(() -> owned(org, id).flatMap(e -> {
            if (e.isDirect()) {
                return direct.endByUtility(e, actor);
            }
            EligibilityStatus current = EligibilityStatus.ofWire(e.eligibilityStatus);
            if (current == EligibilityStatus.UNENROLLING || current == EligibilityStatus.UNENROLLED) {
                return Uni.createFrom().item(e);
            }
            Transition t = lifecycle.moveEligibility(e, EligibilityStatus.UNENROLLING, "deleted by the utility",
                    "deleted", actor);
            return lifecycle.commit(e, false, "deleted", actor, List.of(t));
        }));
    }

    public Uni<Enrollment> mergeMetadata(String org, String id, JsonNode metadata) {
        if (metadata == null || !metadata.isObject()) {
            throw ProblemException.invalid("metadata", "is required and must be an object");
        }
        metadata.properties().forEach(f -> {
            if (!f.getValue().isTextual()) {
                throw ProblemException.invalid("metadata." + f.getKey(), "must be a string");
            }
        });
        if (metadata.size() > 100) {
            throw ProblemException.invalid("metadata", "at most 100 keys");
        }
        String actor = "utility:" + org;
        return Panache.withTransaction(() -> owned(org, id).flatMap(e -> {
            Map<String, Object> merged = json.object(e.meta);
            metadata.properties().forEach(f -> merged.put(f.getKey(), f.getValue().asText()));
            e.meta = json.write(merged);
            return lifecycle.commit(e, false, "metadata_merged", actor, List.of());
        }));
    }

    public Uni<Enrollment> setStatus(String org, String id, String status, String reason) {
        if (status == null) {
            throw ProblemException.invalid("status", "is required");
        }
        EligibilityStatus to = EligibilityStatus.parse(status).filter(s -> s != EligibilityStatus.UNENROLLED)
                .orElseThrow(() -> ProblemException.invalid("status", "must be one of candidate, eligible, "
                        + "ineligible, submitted, approved, rejected, unenrolling"));
        String actor = "utility:" + org;
        return Panache.withTransaction(() -> owned(org, id).flatMap(e -> {
            if (e.isDirect()) {
                throw ProblemException.conflict("Enrollment " + id + " is a device enrollment: its state ("
                        + e.state + ") follows the device lifecycle; DELETE ends it");
            }
            if (to.wire().equals(e.eligibilityStatus)) {
                return Uni.createFrom().item(e);
            }
            Transition t = lifecycle.moveEligibility(e, to, reason == null ? "set by the utility" : reason,
                    "status_set", actor);
            return lifecycle.commit(e, false, "status_set", actor, List.of(t));
        }));
    }

    private Uni<InstanceView> ownedInstance(String org, String instanceId) {
        return InstanceView.<InstanceView>findById(instanceId).map(i -> {
            if (i == null || !i.organizationId.equals(org)) {
                throw ProblemException.notFound("Program instance", instanceId);
            }
            return i;
        });
    }

    private Uni<Enrollment> owned(String org, String id) {
        return Enrollment.<Enrollment>find("id = ?1 and utilityOrganizationId = ?2", id, org).firstResult()
                .map(e -> {
                    if (e == null) {
                        throw ProblemException.notFound("Enrollment", id);
                    }
                    return e;
                });
    }
}
