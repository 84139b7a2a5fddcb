package dev.gridservices.enrollment;

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
 * mutated requests by libs/test-kit's ApiFuzzer, with credentials that pass authentication and the
 * organization-kind checks (a utility's SERVER API key under /v1, an OEM bearer token with write_vens
 * under /v2/x-texture), so the requests reach the code.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class FuzzTest {

    /** The operations of the OpenAPI document: /v1 enrollments, instance enrollments, leads; /v2 direct API. */
    private static final int OPERATIONS = 0;

    @Test
    void noRequestBuiltFromTheOpenApiDocumentGetsA5xx() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> utility = Map.of("Texture-Api-Key", TestCredentials.serverApiKey("util-fuzz-" + suffix));
        Map<String, String> oem = Map.of("Authorization",
                "Bearer " + TestCredentials.oemBearer("oem-fuzz-" + suffix, "write_vens"));
        ApiFuzzer.forRunningService()
                .credentials(path -> path.startsWith("/v1") ? utility : oem)
                .run()
                .assertOperationsAtLeast(OPERATIONS)
                .assertNoServerErrors();
    }
}
