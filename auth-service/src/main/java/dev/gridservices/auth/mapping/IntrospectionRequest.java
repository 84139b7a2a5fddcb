package dev.gridservices.auth.mapping;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record IntrospectionRequest(@NotNull @Size(max = 512) String key) {
}
