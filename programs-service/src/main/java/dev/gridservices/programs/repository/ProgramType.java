package dev.gridservices.programs.repository;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of program the catalog knows (programs.md, "Program Types"). Also the value of the OpenADR
 * {@code PROGRAM_TYPE} attribute.
 */
public enum ProgramType {
    DEMAND_RESPONSE("demand_response"),
    GRID_SERVICES("grid_services"),
    REBATE("rebate"),
    ENERGY_EFFICIENCY("energy_efficiency"),
    VPP("vpp"),
    TIME_OF_USE("time_of_use");

    private final String value;

    ProgramType(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static ProgramType fromJson(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("unknown program type " + value));
    }

    public static Optional<ProgramType> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.value.equals(value)).findFirst();
    }
}
