package dev.gridservices.auth.mapping;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record WorkspaceCreate(@NotBlank @Size(max = 200) String name) {
}
