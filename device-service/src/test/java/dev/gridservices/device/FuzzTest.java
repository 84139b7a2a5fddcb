package dev.gridservices.device;

import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.auth.TestCredentials;
import dev.gridservices.testkit.fuzz.ApiFuzzer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bad input never gets a 5xx: every operation of this service's OpenAPI document, fed valid and
 * mutated requests by libs/test-kit's ApiFuzzer, with credentials that pass authentication (a SERVER
 * API key under /v1, a bearer token with every scope elsewhere), so the requests reach the code.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class FuzzTest {

    private static final String[] ALL_SCOPES = {"read_all", "write_programs", "write_events", "read_events",
            "read_programs", "write_reports", "write_vens", "write_subscriptions"};

    @Test
    void noRequestBuiltFromTheOpenApiDocumentGetsA5xx() {
        String organization = "org-fuzz-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> core = Map.of("Texture-Api-Key", TestCredentials.serverApiKey(organization));
        Map<String, String> openAdr = Map.of("Authorization",
                "Bearer " + TestCredentials.bearer(organization, ALL_SCOPES));
        ApiFuzzer.forRunningService()
                .credentials(path -> path.startsWith("/v1") ? core : openAdr)
                .run()
                .assertOperationsAtLeast(0)
                .assertNoServerErrors();
    }
}
