package dev.gridservices.auth.mapping;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record SecretRotation(
        @Schema(description = "How long the previous secret(s) keep working; default auth.clients.secret-overlap")
        @Min(0) @Max(31_536_000) Long overlapSeconds) {
}
