package dev.gridservices.enrollment;

import static dev.gridservices.enrollment.Fixtures.consent;
import static dev.gridservices.enrollment.Fixtures.enrollment;
import static dev.gridservices.enrollment.Fixtures.instance;
import static dev.gridservices.enrollment.Fixtures.newId;
import static dev.gridservices.enrollment.Fixtures.oem;
import static dev.gridservices.enrollment.Fixtures.offer;
import static dev.gridservices.enrollment.Fixtures.program;
import static dev.gridservices.enrollment.Fixtures.site;
import static dev.gridservices.enrollment.Fixtures.utility;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.auth.TestCredentials;
import dev.gridservices.testkit.fuzz.ApiFuzzer;
import dev.gridservices.testkit.fuzz.FuzzReport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input never gets a 5xx: every operation of this service's OpenAPI document, fed valid and
 * mutated requests by libs/test-kit's ApiFuzzer, with credentials that pass authentication and the
 * organization-kind checks (a utility's SERVER API key under /v1, an OEM bearer token with write_vens
 * under /v2/x-texture), path parameters that exist and valid bodies that pass the service's own rules,
 * so the mutations reach the code behind validation.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class FuzzTest {

    /**
     * What ApiFuzzer counts in this document (body operations and GETs with query parameters): GET/POST
     * /v1/leads, GET/POST /v1/programInstances/{instanceId}/enrollments, PATCH .../metadata, PUT .../status,
     * GET/POST /v2/x-texture/enrollments, POST /v2/x-texture/enrollments/events.
     */
    private static final int OPERATIONS = 9;

    @Test
    void noRequestBuiltFromTheOpenApiDocumentGetsA5xx() {
        String utilityOrg = newId("util-fuzz-");
        String oemOrg = newId("oem-fuzz-");
        String programId = program(utilityOrg, "private", "demand_response");
        String instanceId = instance(utilityOrg, programId, "active", null);
        offer(utilityOrg, programId, List.of(oemOrg), false);
        String siteId = site(oemOrg, "NY", "matched", null);
        String resourceId = Fixtures.resource(oemOrg, newId("ven_"), siteId, "online");
        Map<String, Object> customer = Map.of("identificationType", "customerInfo", "firstName", "Suzie",
                "lastName", "Homeowner", "email", "suzie@example.com", "address", Map.of("streetOne", "1 Main St",
                        "city", "New York", "state", "NY", "postalCode", "10001", "country", "USA"));
        String enrollmentId = utility(utilityOrg).body(customer)
                .post("/v1/programInstances/" + instanceId + "/enrollments").then().statusCode(201)
                .extract().path("id");
        Map<String, Object> direct = enrollment(resourceId, siteId, programId, consent(Instant.now().minusSeconds(60)));
        oem(oemOrg).body(direct).post("/v2/x-texture/enrollments").then().statusCode(201);

        Map<String, String> utility = Map.of("Texture-Api-Key", TestCredentials.serverApiKey(utilityOrg));
        Map<String, String> oem = Map.of("Authorization",
                "Bearer " + TestCredentials.oemBearer(oemOrg, "write_vens"));
        FuzzReport report = ApiFuzzer.forRunningService()
                .credentials(path -> path.startsWith("/v1") ? utility : oem)
                .pathParameter("instanceId", instanceId)
                .pathParameter("enrollmentId", enrollmentId)
                .exampleBody("POST /v1/programInstances/{instanceId}/enrollments", customer)
                .exampleBody("POST /v1/leads", Map.of("email", "lead@example.com", "firstName", "Lee",
                        "metadata", Map.of("source", "web")))
                .exampleBody("PATCH /v1/enrollments/{enrollmentId}/metadata", Map.of("metadata",
                        Map.of("source", "web")))
                .exampleBody("PUT /v1/enrollments/{enrollmentId}/status", Map.of("status", "submitted"))
                .exampleBody("POST /v2/x-texture/enrollments", direct)
                .exampleBody("POST /v2/x-texture/enrollments/events", Map.of("eventId", newId("evt-"),
                        "type", "connectivity_lost", "resourceID", resourceId, "occurredAt",
                        Instant.now().toString(), "lastSeenAt", Instant.now().minusSeconds(3600).toString()))
                .run()
                .assertOperationsAtLeast(OPERATIONS)
                .assertNoServerErrors();
        assertThat(report.validAnswers()).as(report.summary())
                .allSatisfy((operation, answer) -> assertThat(answer).doesNotStartWith("401").doesNotStartWith("403"));
    }
}
