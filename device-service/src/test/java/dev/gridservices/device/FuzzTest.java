package dev.gridservices.device;

import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.auth.TestAuthServer;
import dev.gridservices.testkit.auth.TestCredentials;
import dev.gridservices.testkit.fuzz.ApiFuzzer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input never gets a 5xx: every operation of this service's OpenAPI document, fed valid and
 * mutated requests by libs/test-kit's ApiFuzzer, with credentials of an OEM organization that pass
 * authentication and authorization (its SERVER API key under /v1, the service credential under
 * /internal, an OEM bearer token with every scope elsewhere), and valid example bodies that reference a
 * real VEN and site, so the requests reach the code behind the checks.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class FuzzTest {

    /** Body operations and GETs with query parameters in device-service's document. */
    private static final int OPERATIONS = 18;

    private static final String[] ALL_SCOPES = {"read_all", "write_programs", "write_events", "read_events",
            "read_programs", "write_reports", "write_vens", "write_subscriptions", "read_ven_objects"};

    @Test
    void noRequestBuiltFromTheOpenApiDocumentGetsA5xx() {
        String organization = Api.newOrg();
        String ven = Api.createVen(organization);
        String site = Api.createSite(Api.oemServer(organization));
        Map<String, String> core = Map.of("Texture-Api-Key",
                TestCredentials.serverApiKey(organization, TestCredentials.OEM));
        Map<String, String> internal = Map.of(TestAuthServer.SERVICE_CREDENTIAL_HEADER,
                TestAuthServer.SERVICE_CREDENTIAL);
        Map<String, String> openAdr = Map.of("Authorization",
                "Bearer " + TestCredentials.oemBearer(organization, ALL_SCOPES));
        ApiFuzzer.forRunningService()
                .credentials(path -> path.startsWith("/v1") ? core
                        : path.startsWith("/internal") ? internal : openAdr)
                .pathParameter("venID", ven)
                .pathParameter("id", site)
                .exampleBody("POST /v1/sites", Map.of("streetOne", "1 Main", "city", "Denver", "state", "CO",
                        "postalCode", "80202", "country", "US"))
                .exampleBody("POST /v2/x-texture/sites", Api.siteBody("1600 Glenarm Pl", "Denver", "CO", "80202"))
                .exampleBody("PUT /v2/x-texture/sites/{id}", Api.siteBody("1600 Glenarm Pl", "Denver", "CO", "80202"))
                .exampleBody("POST /v2/vens", Map.of("objectType", "VEN_VEN_REQUEST", "venName", Api.unique("ven")))
                .exampleBody("PUT /v2/vens/{venID}", Map.of("objectType", "VEN_VEN_REQUEST", "venName",
                        Api.unique("ven")))
                .exampleBody("POST /v2/resources", Api.battery(ven, Api.unique("BAT"), site))
                .run()
                .assertOperationsAtLeast(OPERATIONS)
                .assertNoServerErrors();
    }
}
