package dev.gridservices.auth.mapping;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Body of {@code POST /internal/oauth-clients/active}: the client ids the broker holds sessions for. */
public record ActiveClientsRequest(@NotNull @Size(max = 1000) List<@NotBlank @Size(max = 64) String> clientIds) {
}
