package dev.gridservices.enrollment.service;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The device enrollment lifecycle of direct-api-v2 §10.4 as one explicit state machine: {@link #canMoveTo}
 * is the only place that says which transitions exist. opted_out and revoked are final.
 * Beyond the spec's table: consent may be revoked from every live state (§10.5 "at any time"), a relocation
 * or failed verification may send any live state to pending_verification, verification resolves to eligible,
 * and a suspended device whose connectivity returns becomes active again.
 */
public enum DeviceState {
    DISCOVERED, ELIGIBLE, OPTED_IN, PENDING_VERIFICATION, ENROLLED, ACTIVE, SUSPENDED, OPTED_OUT, REVOKED;

    private static final Map<DeviceState, Set<DeviceState>> NEXT = Map.of(
            DISCOVERED, EnumSet.of(ELIGIBLE, PENDING_VERIFICATION, OPTED_OUT, REVOKED),
            ELIGIBLE, EnumSet.of(OPTED_IN, PENDING_VERIFICATION, OPTED_OUT, REVOKED),
            OPTED_IN, EnumSet.of(ENROLLED, PENDING_VERIFICATION, OPTED_OUT, REVOKED),
            PENDING_VERIFICATION, EnumSet.of(ELIGIBLE, OPTED_OUT, REVOKED),
            ENROLLED, EnumSet.of(ACTIVE, PENDING_VERIFICATION, OPTED_OUT, REVOKED),
            ACTIVE, EnumSet.of(SUSPENDED, PENDING_VERIFICATION, OPTED_OUT, REVOKED),
            SUSPENDED, EnumSet.of(ACTIVE, PENDING_VERIFICATION, OPTED_OUT, REVOKED),
            OPTED_OUT, EnumSet.noneOf(DeviceState.class),
            REVOKED, EnumSet.noneOf(DeviceState.class));

    public boolean canMoveTo(DeviceState next) {
        return NEXT.get(this).contains(next);
    }

    public Set<DeviceState> next() {
        return EnumSet.copyOf(NEXT.get(this));
    }

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeviceState ofWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public static Optional<DeviceState> parse(String value) {
        for (DeviceState s : values()) {
            if (s.wire().equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** How the core API (Eligibility.status) shows a device enrollment to the utility. */
    public EligibilityStatus eligibility() {
        return switch (this) {
            case DISCOVERED -> EligibilityStatus.CANDIDATE;
            case ELIGIBLE -> EligibilityStatus.ELIGIBLE;
            case OPTED_IN, PENDING_VERIFICATION -> EligibilityStatus.SUBMITTED;
            case ENROLLED, ACTIVE, SUSPENDED -> EligibilityStatus.APPROVED;
            case OPTED_OUT, REVOKED -> EligibilityStatus.UNENROLLED;
        };
    }
}
