package dev.gridservices.auth;

import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.fuzz.ApiFuzzer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bad input never gets a 5xx: every operation of auth-service's OpenAPI document, fed valid and
 * mutated requests by libs/test-kit's ApiFuzzer, as the platform admin (the test profile's admin key)
 * on a real organization and client, with bodies that pass the service's rules so that the mutations
 * reach the database; the token endpoint gets a real client's credentials and malformed forms.
 * Signing-key rotation takes no input and would change the keys other tests of this JVM rely on.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class FuzzTest {

    @Test
    void noRequestBuiltFromTheOpenApiDocumentGetsA5xx() {
        AuthFixtures.Client client = AuthFixtures.client(List.of("read_all"));
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ApiFuzzer.forRunningService()
                .credentials(path -> Map.of(AuthFixtures.HEADER, AuthFixtures.ADMIN_KEY))
                .pathParameter("organizationId", client.organizationId())
                .pathParameter("clientId", client.clientId())
                .pathParameter("secretId", client.secretId())
                .skip(operation -> operation.equals("POST /v1/signing-keys/rotate"))
                .exampleBody("POST /v1/organization",
                        Map.of("name", "Fuzz utility " + suffix, "domain", "fuzz" + suffix + ".example.com"))
                .exampleBody("POST /v1/organizations/{organizationId}/api-keys", Map.of("name", "fuzz", "type", "SERVER"))
                .exampleBody("POST /v1/organizations/{organizationId}/oauth-clients",
                        Map.of("name", "fuzz", "scopes", List.of("read_all")))
                .exampleBody("POST /v2/auth/token", Map.of("grant_type", "client_credentials",
                        "client_id", client.clientId(), "client_secret", client.secret()))
                .run()
                .assertOperationsAtLeast(5)
                .assertNoServerErrors();
    }
}
