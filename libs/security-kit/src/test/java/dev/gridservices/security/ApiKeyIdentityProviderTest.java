package dev.gridservices.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How an introspection answer becomes an identity. */
class ApiKeyIdentityProviderTest {

    @Test
    void liveScopedKeyBecomesACallerWithItsReference() {
        SecurityIdentity identity = ApiKeyIdentityProvider.identity(new ApiKeyIntrospection(true, "key-1", "org-1",
                "ws-1", "SCOPED", "user-42", List.of(), "oem"));
        Caller caller = identity.getAttribute(Caller.ATTRIBUTE);
        assertThat(caller).isEqualTo(new Caller("org-1", "ws-1", CredentialType.SCOPED_KEY, null, "key-1", null,
                "user-42", Set.of(), OrganizationKind.OEM));
        assertThat(identity.getPrincipal().getName()).isEqualTo("key-1");
    }

    @Test
    void serverKeyCarriesItsScopes() {
        SecurityIdentity identity = ApiKeyIdentityProvider.identity(new ApiKeyIntrospection(true, "key-2", "org-1",
                null, "SERVER", null, List.of("read_all", "write_events"), "utility"));
        Caller caller = identity.getAttribute(Caller.ATTRIBUTE);
        assertThat(caller.credentialType()).isEqualTo(CredentialType.SERVER_KEY);
        assertThat(caller.scopes()).containsExactlyInAnyOrder("read_all", "write_events");
    }

    @Test
    void missingScopesMeanNone() {
        SecurityIdentity identity = ApiKeyIdentityProvider.identity(new ApiKeyIntrospection(true, "key-3", "org-1",
                null, "MANUFACTURER", null, null, "oem"));
        assertThat(((Caller) identity.getAttribute(Caller.ATTRIBUTE)).scopes()).isEmpty();
    }

    @Test
    void platformAdminKeyActsForNoTenant() {
        SecurityIdentity identity = ApiKeyIdentityProvider.identity(new ApiKeyIntrospection(true, "admin", "ignored",
                null, "PLATFORM_ADMIN", null, List.of(), null));
        Caller caller = identity.getAttribute(Caller.ATTRIBUTE);
        assertThat(caller.credentialType()).isEqualTo(CredentialType.PLATFORM_ADMIN_KEY);
        assertThat(caller.organizationId()).isNull();
        assertThat(caller.organizationKind()).isNull();
    }

    @Test
    void inactiveIncompleteOrUnknownKindIsRefused() {
        assertThatThrownBy(() -> ApiKeyIdentityProvider.identity(ApiKeyIntrospection.INACTIVE))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> ApiKeyIdentityProvider.identity(new ApiKeyIntrospection(true, "key-4", null, null,
                "SERVER", null, List.of(), "utility"))).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> ApiKeyIdentityProvider.identity(new ApiKeyIntrospection(true, "key-5", "org-1",
                null, "ADMIN", null, List.of(), "utility"))).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> ApiKeyIdentityProvider.identity(new ApiKeyIntrospection(true, "key-6", "org-1",
                null, "SERVER", null, List.of(), null))).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> ApiKeyIdentityProvider.identity(new ApiKeyIntrospection(true, "key-7", "org-1",
                null, "SERVER", null, List.of(), "vendor"))).isInstanceOf(AuthenticationFailedException.class);
    }
}
