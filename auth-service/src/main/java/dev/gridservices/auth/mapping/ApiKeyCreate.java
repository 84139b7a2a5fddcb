package dev.gridservices.auth.mapping;

import dev.gridservices.auth.repository.ApiKey;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record ApiKeyCreate(
        @NotBlank @Size(max = 200) String name,
        @NotNull ApiKey.Type type,
        @Schema(description = "Required for SCOPED keys (the end user's referenceId), forbidden otherwise")
        @Size(min = 1, max = 256) String referenceId,
        UUID workspaceId) {
}
