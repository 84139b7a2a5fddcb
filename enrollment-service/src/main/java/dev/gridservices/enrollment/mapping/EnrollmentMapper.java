package dev.gridservices.enrollment.mapping;

import dev.gridservices.enrollment.repository.ConsentRecord;
import dev.gridservices.enrollment.repository.Enrollment;
import dev.gridservices.enrollment.repository.Lead;
import dev.gridservices.enrollment.repository.Transition;
import dev.gridservices.kit.json.JsonText;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Rows to API shapes. */
@ApplicationScoped
public class EnrollmentMapper {

    private final JsonText json;

    public EnrollmentMapper(JsonText json) {
        this.json = json;
    }

    public EnrollmentView toView(Enrollment e) {
        List<EnrollmentView.Device> devices = e.deviceId == null ? List.of()
                : List.of(new EnrollmentView.Device(e.deviceId, e.deviceType == null ? "unknown" : e.deviceType));
        Address address = e.address == null ? null : json.mapper().convertValue(json.read(e.address), Address.class);
        return new EnrollmentView(e.id, e.kind, e.identificationType, e.leadId, e.customerId, e.firstName,
                e.lastName, e.email, e.phone, json.strings(e.manufacturerSlugs), json.object(e.meta), e.serialNumber,
                e.referenceId, e.referenceDescription, e.instanceId, e.programId, e.enrollmentStartDate,
                json.strings(e.tags), devices, address,
                new EnrollmentView.Eligibility(e.eligibilityStatus, e.eligibilityReason, e.instanceId), e.state,
                e.createdAt, e.updatedAt);
    }

    public DirectEnrollmentView toDirectView(Enrollment e, ConsentRecord consent, List<Transition> history) {
        DirectEnrollmentView.Consent c = consent == null ? null : new DirectEnrollmentView.Consent(consent.optIn,
                consent.consentedAt, consent.source, consent.termsVersion, json.strings(consent.scope),
                consent.revokedAt);
        List<DirectEnrollmentView.Step> steps = history == null ? null : history.stream()
                .map(t -> new DirectEnrollmentView.Step(t.fromState, t.toState, t.cause, t.actor, t.detail,
                        t.occurredAt))
                .toList();
        return new DirectEnrollmentView(e.id, e.deviceId, e.resourceName, e.venId, e.siteId, e.openadrProgramId,
                e.instanceId, e.state, e.stateReason, c, steps, e.createdAt, e.updatedAt);
    }

    public LeadView toView(Lead l) {
        return new LeadView(l.id, l.email, l.firstName, l.lastName, l.phone, l.address1, l.address2, l.city, l.state,
                l.postalCode, l.country, json.object(l.metadata), l.createdAt, l.updatedAt);
    }
}
