package dev.gridservices.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopesTest {

    @Test
    void spaceSeparatedClaimIsSplitInOrder() {
        assertThat(Scopes.parse("read_events  write_reports\twrite_vens ")).containsExactly("read_events",
                "write_reports", "write_vens");
    }

    @Test
    void jsonArrayClaimIsAccepted() {
        assertThat(Scopes.parse(Json.createArrayBuilder().add("read_all").add("write_events").build()))
                .containsExactly("read_all", "write_events");
        assertThat(Scopes.parse(List.of("read_all", " "))).containsExactly("read_all");
    }

    @Test
    void missingOrEmptyClaimMeansNoScopes() {
        assertThat(Scopes.parse(null)).isEmpty();
        assertThat(Scopes.parse("")).isEmpty();
        assertThat(Scopes.parse("   ")).isEmpty();
        assertThat(Scopes.parse(42)).isEmpty();
    }

    @Test
    void anyOneRequiredScopeIsEnough() {
        assertThat(Scopes.allowsAny(Set.of("read_all"), "read_programs", "read_all")).isTrue();
        assertThat(Scopes.allowsAny(Set.of("read_events"), "read_programs", "read_all")).isFalse();
        assertThat(Scopes.allowsAny(Set.of())).isTrue();
    }

    @Test
    void keyKindsMapToCredentialTypes() {
        assertThat(CredentialType.ofKeyKind("SERVER")).isEqualTo(CredentialType.SERVER_KEY);
        assertThat(CredentialType.ofKeyKind("SCOPED")).isEqualTo(CredentialType.SCOPED_KEY);
        assertThat(CredentialType.ofKeyKind("MANUFACTURER")).isEqualTo(CredentialType.MANUFACTURER_KEY);
        assertThatThrownBy(() -> CredentialType.ofKeyKind("ADMIN")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CredentialType.ofKeyKind(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
