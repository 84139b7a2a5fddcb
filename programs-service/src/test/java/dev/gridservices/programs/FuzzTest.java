package dev.gridservices.programs;

import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.auth.TestCredentials;
import dev.gridservices.testkit.fuzz.ApiFuzzer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input never gets a 5xx: every operation of programs-service's OpenAPI document, fed valid and
 * mutated requests by libs/test-kit's ApiFuzzer, with credentials that pass authentication (a SERVER
 * API key under /v1, a bearer token with every programs scope under /v2) on a program and an instance
 * that exist, and bodies that pass the service's rules, so the mutations reach the database.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class FuzzTest {

    @Test
    void noRequestBuiltFromTheOpenApiDocumentGetsA5xx() {
        String org = Api.newOrg();
        String slug = Api.newSlug("fuzz");
        Api.createProgram(org, Api.program(slug, "private", "NY"));
        // its own program, since a valid PUT renames it
        String openAdrProgramId = Api.createProgram(org, Api.program(Api.newSlug("fuzz-put"), "private", "NY"));
        String instanceId = Api.createInstance(org, slug, Map.of());
        Map<String, String> core = Map.of("Texture-Api-Key", TestCredentials.serverApiKey(org));
        Map<String, String> openAdr = Map.of("Authorization",
                "Bearer " + TestCredentials.bearer(org, "read_programs", "read_all", "write_programs"));

        ApiFuzzer.forRunningService()
                .credentials(path -> path.startsWith("/v1") ? core : openAdr)
                .pathParameter("programSlug", slug)
                .pathParameter("instanceId", instanceId)
                .pathParameter("programID", openAdrProgramId)
                .exampleBody("POST /v1/programs", Api.program(Api.newSlug("fuzz-new"), "private", "CA"))
                .exampleBody("POST /v1/programs/{programSlug}", Map.of("title", "Fuzzed instance"))
                .exampleBody("POST /v1/programs/{programSlug}/instances", Map.of("title", "Fuzzed instance"))
                .exampleBody("POST /v1/programInstances", Map.of("programSlug", slug, "title", "Fuzzed instance"))
                .exampleBody("PATCH /v1/programInstances/{instanceId}", Map.of("title", "Renamed instance"))
                .exampleBody("POST /v2/programs", openAdrProgram(Api.newSlug("fuzz-adr")))
                .exampleBody("PUT /v2/programs/{programID}", openAdrProgram(Api.newSlug("fuzz-renamed")))
                .run()
                .assertOperationsAtLeast(8)
                .assertNoServerErrors();
    }

    private static Map<String, Object> openAdrProgram(String programName) {
        return Map.of("programName", programName,
                "intervalPeriod", Map.of("start", "2026-05-01T00:00:00Z", "duration", "P6M"),
                "attributes", List.of(Map.of("type", "PROGRAM_TYPE", "values", List.of("VPP"))));
    }
}
