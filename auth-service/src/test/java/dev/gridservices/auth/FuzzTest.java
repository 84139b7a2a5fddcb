package dev.gridservices.auth;

import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.fuzz.ApiFuzzer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input never gets a 5xx: every operation of auth-service's OpenAPI document, fed valid and
 * mutated requests by libs/test-kit's ApiFuzzer, as the platform admin (the test profile's admin key)
 * on a real organization and client, so the requests reach the code; the token endpoint gets
 * malformed forms and a real client's credentials.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class FuzzTest {

    @Test
    void noRequestBuiltFromTheOpenApiDocumentGetsA5xx() {
        AuthFixtures.Client client = AuthFixtures.client(List.of("read_all"));
        ApiFuzzer.forRunningService()
                .credentials(path -> Map.of(AuthFixtures.HEADER, AuthFixtures.ADMIN_KEY))
                .pathParameter("organizationId", client.organizationId())
                .pathParameter("clientId", client.clientId())
                .pathParameter("secretId", client.secretId())
                .run()
                .assertOperationsAtLeast(5)
                .assertNoServerErrors();
    }
}
