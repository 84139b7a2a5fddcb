package dev.gridservices.enrollment.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The transition tables themselves: every allowed move, and the forbidden ones around them. */
class StateMachineTest {

    @Test
    void deviceLifecycleHasExactlyTheDocumentedTransitions() {
        assertThat(DeviceState.DISCOVERED.next()).containsExactlyInAnyOrder(DeviceState.ELIGIBLE,
                DeviceState.PENDING_VERIFICATION, DeviceState.OPTED_OUT, DeviceState.REVOKED);
        assertThat(DeviceState.ELIGIBLE.next()).containsExactlyInAnyOrder(DeviceState.OPTED_IN,
                DeviceState.PENDING_VERIFICATION, DeviceState.OPTED_OUT, DeviceState.REVOKED);
        assertThat(DeviceState.OPTED_IN.next()).containsExactlyInAnyOrder(DeviceState.ENROLLED,
                DeviceState.PENDING_VERIFICATION, DeviceState.OPTED_OUT, DeviceState.REVOKED);
        assertThat(DeviceState.PENDING_VERIFICATION.next()).containsExactlyInAnyOrder(DeviceState.ELIGIBLE,
                DeviceState.OPTED_OUT, DeviceState.REVOKED);
        assertThat(DeviceState.ENROLLED.next()).containsExactlyInAnyOrder(DeviceState.ACTIVE,
                DeviceState.PENDING_VERIFICATION, DeviceState.OPTED_OUT, DeviceState.REVOKED);
        assertThat(DeviceState.ACTIVE.next()).containsExactlyInAnyOrder(DeviceState.SUSPENDED,
                DeviceState.PENDING_VERIFICATION, DeviceState.OPTED_OUT, DeviceState.REVOKED);
        assertThat(DeviceState.SUSPENDED.next()).containsExactlyInAnyOrder(DeviceState.ACTIVE,
                DeviceState.PENDING_VERIFICATION, DeviceState.OPTED_OUT, DeviceState.REVOKED);
        assertThat(DeviceState.OPTED_OUT.next()).isEmpty();
        assertThat(DeviceState.REVOKED.next()).isEmpty();
    }

    @Test
    void forbiddenDeviceTransitions() {
        assertThat(DeviceState.DISCOVERED.canMoveTo(DeviceState.ENROLLED)).isFalse();
        assertThat(DeviceState.DISCOVERED.canMoveTo(DeviceState.ACTIVE)).isFalse();
        assertThat(DeviceState.ELIGIBLE.canMoveTo(DeviceState.ENROLLED)).isFalse();
        assertThat(DeviceState.OPTED_IN.canMoveTo(DeviceState.ACTIVE)).isFalse();
        assertThat(DeviceState.ENROLLED.canMoveTo(DeviceState.SUSPENDED)).isFalse();
        assertThat(DeviceState.SUSPENDED.canMoveTo(DeviceState.ENROLLED)).isFalse();
        for (DeviceState s : DeviceState.values()) {
            assertThat(DeviceState.REVOKED.canMoveTo(s)).isFalse();
            assertThat(DeviceState.OPTED_OUT.canMoveTo(s)).isFalse();
            assertThat(s.canMoveTo(s)).as("%s to itself", s).isFalse();
        }
    }

    @Test
    void everyLiveStateCanBeRevokedAndOptedOut() {
        for (DeviceState s : EnumSet.complementOf(EnumSet.of(DeviceState.OPTED_OUT, DeviceState.REVOKED))) {
            assertThat(s.canMoveTo(DeviceState.REVOKED)).as(s.wire()).isTrue();
            assertThat(s.canMoveTo(DeviceState.OPTED_OUT)).as(s.wire()).isTrue();
        }
    }

    @Test
    void eligibilityReviewFlow() {
        assertThat(EligibilityStatus.CANDIDATE.canMoveTo(EligibilityStatus.ELIGIBLE)).isTrue();
        assertThat(EligibilityStatus.ELIGIBLE.canMoveTo(EligibilityStatus.SUBMITTED)).isTrue();
        assertThat(EligibilityStatus.SUBMITTED.canMoveTo(EligibilityStatus.APPROVED)).isTrue();
        assertThat(EligibilityStatus.SUBMITTED.canMoveTo(EligibilityStatus.REJECTED)).isTrue();
        assertThat(EligibilityStatus.APPROVED.canMoveTo(EligibilityStatus.UNENROLLING)).isTrue();
        assertThat(EligibilityStatus.UNENROLLING.canMoveTo(EligibilityStatus.UNENROLLED)).isTrue();
        for (EligibilityStatus s : List.of(EligibilityStatus.CANDIDATE, EligibilityStatus.ELIGIBLE,
                EligibilityStatus.SUBMITTED, EligibilityStatus.INELIGIBLE)) {
            assertThat(EligibilityStatus.APPROVED.canMoveTo(s)).isFalse();
        }
        for (EligibilityStatus s : EligibilityStatus.values()) {
            assertThat(EligibilityStatus.UNENROLLED.canMoveTo(s)).isFalse();
        }
    }

    @Test
    void eligibilityRulesNameTheFailedRule() {
        var criteria = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        criteria.putArray("regions").add("NY");
        criteria.putArray("deviceTypes").add("battery");
        criteria.put("minimumCapacity", 5.0);
        var ok = EligibilityRules.evaluate(criteria, List.of(),
                new EligibilityRules.Facts("NY", "battery", 10.0, null));
        assertThat(ok.status()).isEqualTo(EligibilityStatus.ELIGIBLE);
        var small = EligibilityRules.evaluate(criteria, List.of(),
                new EligibilityRules.Facts("NY", "battery", 4.0, null));
        assertThat(small.status()).isEqualTo(EligibilityStatus.INELIGIBLE);
        assertThat(small.reason()).contains("capacity 4.0 is below the minimum 5.0");
        var thermostat = EligibilityRules.evaluate(criteria, List.of(),
                new EligibilityRules.Facts("NY", "thermostat", 10.0, null));
        assertThat(thermostat.reason()).contains("device type thermostat");
        var unknown = EligibilityRules.evaluate(criteria, List.of(), new EligibilityRules.Facts("NY", null, null, null));
        assertThat(unknown.status()).isEqualTo(EligibilityStatus.CANDIDATE);
    }
}
