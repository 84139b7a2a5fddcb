package dev.gridservices.programs.repository;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * Lifecycle of a program instance: active and inactive switch back and forth (seasonal programs);
 * archived is final and keeps the record for history — it accepts no enrollments and no further changes.
 */
public enum InstanceStatus {
    ACTIVE("active"), INACTIVE("inactive"), ARCHIVED("archived");

    private final String value;

    InstanceStatus(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static InstanceStatus fromJson(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("status: active, inactive or archived"));
    }

    public static Optional<InstanceStatus> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.value.equals(value)).findFirst();
    }
}
