package dev.gridservices.programs.repository;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** Who may see a program: everyone (public catalog) or only the organization it was created for. */
public enum Visibility {
    PUBLIC("public"), PRIVATE("private");

    private final String value;

    Visibility(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static Visibility fromJson(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("visibility: public or private"));
    }

    public static Optional<Visibility> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.value.equals(value)).findFirst();
    }
}
