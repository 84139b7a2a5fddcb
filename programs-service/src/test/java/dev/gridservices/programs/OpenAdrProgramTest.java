package dev.gridservices.programs;

import static dev.gridservices.programs.Api.admin;
import static dev.gridservices.programs.Api.bearer;
import static dev.gridservices.programs.Api.createInstance;
import static dev.gridservices.programs.Api.createProgram;
import static dev.gridservices.programs.Api.newOrg;
import static dev.gridservices.programs.Api.newSlug;
import static dev.gridservices.programs.Api.program;
import static dev.gridservices.programs.Api.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.atlassian.oai.validator.model.Request.Method;
import dev.gridservices.testkit.InfrastructureResource;
import dev.gridservices.testkit.openadr.OpenAdrSchema;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /v2/programs: the same programs as OpenADR 3.1 program objects, read and written, schema-validated. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class OpenAdrProgramTest {

    private static final String READ = "read_programs";
    private static final String WRITE = "write_programs";

    private static Map<String, Object> openAdrProgram(String programName) {
        Map<String, Object> body = new HashMap<>();
        body.put("programName", programName);
        body.put("intervalPeriod", Map.of("start", "2026-05-01T00:00:00Z", "duration", "P6M"));
        body.put("programDescriptions", List.of(Map.of("URL", "https://utility.example.com/" + programName)));
        body.put("payloadDescriptors", List.of(
                Map.of("objectType", "EVENT_PAYLOAD_DESCRIPTOR", "payloadType", "IMPORT_CAPACITY_LIMIT",
                        "units", "KW"),
                Map.of("objectType", "REPORT_PAYLOAD_DESCRIPTOR", "payloadType", "USAGE", "readingType",
                        "DIRECT_READ", "units", "KWH")));
        body.put("attributes", List.of(
                Map.of("type", "PROGRAM_LONG_NAME", "values", List.of("Summer Peak Rewards " + programName)),
                Map.of("type", "PROGRAM_TYPE", "values", List.of("VPP")),
                Map.of("type", "COUNTRY", "values", List.of("US")),
                Map.of("type", "PRINCIPAL_SUBDIVISION", "values", List.of("US-CA", "US-NV")),
                Map.of("type", "RETAILER_NAME", "values", List.of("ACME"))));
        body.put("targets", List.of("group-1", "group-2"));
        return body;
    }

    @Test
    void aProgramCreatedInV1IsAnOpenAdrProgramInV2() {
        String org = newOrg();
        String slug = newSlug("v1-made");
        Map<String, Object> body = program(slug, "private", "NY", "NJ");
        body.put("startTime", "2026-01-01T00:00:00Z");
        body.put("endTime", "2027-01-01T00:00:00Z");
        String id = createProgram(org, body);

        Response response = bearer(org, READ).get("/v2/programs/" + id);
        response.then().statusCode(200)
                .body("id", equalTo(id))
                .body("objectType", equalTo("PROGRAM"))
                .body("programName", equalTo(slug))
                .body("intervalPeriod.start", equalTo("2026-01-01T00:00:00Z"))
                .body("intervalPeriod.duration", equalTo("PT31536000S"))
                .body("attributes.find { it.type == 'PROGRAM_LONG_NAME' }.values", contains("Program " + slug))
                .body("attributes.find { it.type == 'PROGRAM_TYPE' }.values", contains("DEMAND_RESPONSE"))
                .body("attributes.find { it.type == 'COUNTRY' }.values", contains("US"))
                .body("attributes.find { it.type == 'PRINCIPAL_SUBDIVISION' }.values", contains("US-NY", "US-NJ"))
                .body("attributes.find { it.type == 'x-texture:DESCRIPTION' }.values", contains("Battery program " + slug))
                .body("attributes.find { it.type == 'x-texture:ACTIVE' }.values", contains(true))
                .body("attributes.find { it.type == 'x-texture:VISIBILITY' }.values", contains("private"))
                .body("attributes.find { it.type == 'x-texture:YEAR' }.values", contains(2026));
        OpenAdrSchema.assertValid("/v2/programs/" + id, Method.GET, 200, response.asString());

        Response list = bearer(org, READ).get("/v2/programs");
        list.then().statusCode(200);
        OpenAdrSchema.assertValid("/v2/programs", Method.GET, 200, list.asString());
    }

    @Test
    void aProgramCreatedInV2IsACoreApiProgramInV1() throws Exception {
        String org = newOrg();
        String name = newSlug("SummerPeak");
        String request = new ObjectMapper().writeValueAsString(openAdrProgram(name));
        OpenAdrSchema.assertValidRequest("/v2/programs", Method.POST, request);
        Response created = bearer(org, WRITE).body(request).post("/v2/programs");
        created.then().statusCode(201)
                .header("Location", endsWith("/v2/programs/" + created.path("id")))
                .body("programName", equalTo(name))
                .body("intervalPeriod.duration", equalTo("P6M"))
                .body("programDescriptions[0].URL", equalTo("https://utility.example.com/" + name))
                .body("payloadDescriptors[1].readingType", equalTo("DIRECT_READ"))
                .body("targets", contains("group-1", "group-2"))
                .body("attributes.find { it.type == 'RETAILER_NAME' }.values", contains("ACME"))
                .body("attributes.find { it.type == 'PRINCIPAL_SUBDIVISION' }.values", contains("US-CA", "US-NV"));
        OpenAdrSchema.assertValid("/v2/programs", Method.POST, 201, created.asString());
        String id = created.path("id");

        server(org).get("/v1/programs/" + name).then().statusCode(200)
                .body("id", equalTo(id))
                .body("name", equalTo("Summer Peak Rewards " + name))
                .body("states", contains("CA", "NV"))
                .body("programType", equalTo("vpp"))
                .body("visibility", equalTo("private"))
                .body("active", equalTo(true))
                .body("startTime", equalTo("2026-05-01T00:00:00Z"))
                .body("endTime", equalTo("2026-11-01T00:00:00Z"));

        Response read = bearer(org, "read_all").get("/v2/programs/" + id);
        read.then().statusCode(200);
        assertThat(JsonPath.from(read.asString()).getMap("$")).isEqualTo(JsonPath.from(created.asString()).getMap("$"));
    }

    @Test
    void putReplacesTheProgramAndDeleteReturnsIt() {
        String org = newOrg();
        String name = newSlug("replace-me");
        String id = bearer(org, WRITE).body(openAdrProgram(name)).post("/v2/programs").then().statusCode(201)
                .extract().path("id");

        String renamed = newSlug("replaced");
        Map<String, Object> replacement = Map.of("programName", renamed,
                "attributes", List.of(Map.of("type", "x-texture:ACTIVE", "values", List.of(false))));
        Response put = bearer(org, WRITE).body(replacement).put("/v2/programs/" + id);
        put.then().statusCode(200).body("id", equalTo(id)).body("programName", equalTo(renamed))
                .body("targets", nullValue())
                .body("attributes.find { it.type == 'RETAILER_NAME' }", nullValue());
        OpenAdrSchema.assertValid("/v2/programs/" + id, Method.PUT, 200, put.asString());
        server(org).get("/v1/programs/" + renamed).then().statusCode(200)
                .body("active", equalTo(false)).body("visibility", equalTo("private")).body("name", equalTo(renamed));
        server(org).get("/v1/programs/" + name).then().statusCode(404);

        Response deleted = bearer(org, WRITE).delete("/v2/programs/" + id);
        deleted.then().statusCode(200).body("id", equalTo(id));
        OpenAdrSchema.assertValid("/v2/programs/" + id, Method.DELETE, 200, deleted.asString());
        bearer(org, READ).get("/v2/programs/" + id).then().statusCode(404).contentType("application/problem+json");
        bearer(org, WRITE).delete("/v2/programs/" + id).then().statusCode(404);
    }

    @Test
    void aProgramWithInstancesCannotBeDeleted() {
        String org = newOrg();
        String slug = newSlug("in-use");
        String id = createProgram(org, program(slug, "public", "FL"));
        createInstance(newOrg(), slug, Map.of());
        bearer(org, WRITE).delete("/v2/programs/" + id).then().statusCode(409)
                .contentType("application/problem+json");
        bearer(org, READ).get("/v2/programs/" + id).then().statusCode(200);
    }

    @Test
    void aPublicProgramOthersUseCannotTurnPrivate() {
        String owner = newOrg();
        String slug = newSlug("audience");
        String id = createProgram(owner, program(slug, "public", "GU"));
        Map<String, Object> makePrivate = Map.of("programName", slug, "attributes",
                List.of(Map.of("type", "x-texture:VISIBILITY", "values", List.of("private"))));
        createInstance(owner, slug, Map.of());
        bearer(owner, WRITE).body(makePrivate).put("/v2/programs/" + id).then().statusCode(200);
        // Publishing again is the platform admin's.
        admin().body(Map.of("programName", slug, "attributes",
                List.of(Map.of("type", "x-texture:VISIBILITY", "values", List.of("public")))))
                .put("/v2/programs/" + id).then().statusCode(200);
        createInstance(newOrg(), slug, Map.of());
        bearer(owner, WRITE).body(makePrivate).put("/v2/programs/" + id).then().statusCode(409)
                .contentType("application/problem+json");
        server(owner).get("/v1/programs/" + slug).then().statusCode(200).body("visibility", equalTo("public"));
    }

    @Test
    void programNameIsUniqueWithinTheOrganization() {
        String org = newOrg();
        String name = newSlug("unique");
        bearer(org, WRITE).body(openAdrProgram(name)).post("/v2/programs").then().statusCode(201);
        bearer(org, WRITE).body(openAdrProgram(name)).post("/v2/programs").then().statusCode(409)
                .contentType("application/problem+json");
        // Another organization's private program may carry the same name: refusing it would reveal the first.
        bearer(newOrg(), WRITE).body(openAdrProgram(name)).post("/v2/programs").then().statusCode(201);
        String other = bearer(org, WRITE).body(openAdrProgram(newSlug("unique-other"))).post("/v2/programs")
                .then().statusCode(201).extract().path("id");
        bearer(org, WRITE).body(Map.of("programName", name)).put("/v2/programs/" + other).then().statusCode(409);
    }

    @Test
    void tenancyOnReadsAndWrites() {
        String owner = newOrg();
        String stranger = newOrg();
        String privateId = bearer(owner, WRITE).body(openAdrProgram(newSlug("mine"))).post("/v2/programs")
                .then().statusCode(201).extract().path("id");
        Map<String, Object> publicBody = new HashMap<>(openAdrProgram(newSlug("ours")));
        String publicId = bearer(owner, WRITE).body(publicBody).post("/v2/programs").then().statusCode(201)
                .extract().path("id");
        List<Object> attributes = new ArrayList<>((List<?>) publicBody.get("attributes"));
        attributes.add(Map.of("type", "x-texture:VISIBILITY", "values", List.of("public")));
        publicBody.put("attributes", attributes);
        admin().body(publicBody).put("/v2/programs/" + publicId).then().statusCode(200);
        // Both carry the same unique target: the public one is the positive marker of the stranger's search.
        String tag = "tenancy-" + owner;
        bearer(owner, WRITE).body(Map.of("programName", newSlug("mine-tagged"), "targets", List.of(tag)))
                .post("/v2/programs").then().statusCode(201);
        publicBody.put("targets", List.of(tag));
        admin().body(publicBody).put("/v2/programs/" + publicId).then().statusCode(200);

        bearer(stranger, READ).get("/v2/programs/" + privateId).then().statusCode(404);
        bearer(stranger, READ).queryParam("targets", tag).get("/v2/programs").then().statusCode(200)
                .body("id", contains(publicId));
        bearer(owner, READ).queryParam("targets", tag).get("/v2/programs").then().statusCode(200)
                .body("size()", equalTo(2));
        bearer(stranger, WRITE).body(Map.of("programName", newSlug("takeover"))).put("/v2/programs/" + privateId)
                .then().statusCode(404);
        bearer(stranger, WRITE).delete("/v2/programs/" + privateId).then().statusCode(404);

        bearer(stranger, READ).get("/v2/programs/" + publicId).then().statusCode(200);
        bearer(stranger, WRITE).body(Map.of("programName", newSlug("takeover"))).put("/v2/programs/" + publicId)
                .then().statusCode(403).contentType("application/problem+json");
        bearer(stranger, WRITE).delete("/v2/programs/" + publicId).then().statusCode(403);
        bearer(owner, READ).get("/v2/programs/" + privateId).then().statusCode(200);
    }

    @Test
    void skipLimitAndTargetsWindowTheSearch() {
        String org = newOrg();
        String target = "feeder-" + org;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = openAdrProgram("win-" + org + "-" + i);
            body.put("targets", List.of(target, "t" + i));
            ids.add(bearer(org, WRITE).body(body).post("/v2/programs").then().statusCode(201).extract().path("id"));
        }
        Response page = bearer(org, READ).queryParam("targets", target).queryParam("skip", 1).queryParam("limit", 1)
                .get("/v2/programs");
        page.then().statusCode(200).body("id", contains(ids.get(1)));
        OpenAdrSchema.assertValid("/v2/programs", Method.GET, 200, page.asString());
        bearer(org, READ).queryParam("targets", target).get("/v2/programs").then().statusCode(200)
                .body("id", contains(ids.get(0), ids.get(1), ids.get(2)));
        bearer(org, READ).queryParam("targets", "t2").queryParam("targets", "t0").get("/v2/programs").then()
                .statusCode(200).body("id", contains(ids.get(0), ids.get(2)));
        bearer(org, READ).queryParam("targets", target).queryParam("skip", 3).get("/v2/programs").then()
                .statusCode(200).body("size()", equalTo(0));
        bearer(org, READ).queryParam("limit", 0).get("/v2/programs").then().statusCode(200)
                .body("size()", equalTo(0));
        for (String[] bad : new String[][] {{"limit", "51"}, {"limit", "-1"}, {"skip", "-1"}, {"skip", "x"}}) {
            bearer(org, READ).queryParam(bad[0], bad[1]).get("/v2/programs").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo(bad[0]));
        }
    }

    @Test
    void invalidProgramRequestsAre400NamingTheField() {
        String org = newOrg();
        badRequest(org, Map.of("intervalPeriod", Map.of("duration", "P1Y")), "programName");
        badRequest(org, Map.of("programName", "has space"), "programName");
        badRequest(org, Map.of("programName", "x".repeat(129)), "programName");
        badRequest(org, Map.of("programName", newSlug("p"), "intervalPeriod", Map.of("duration", "1 year")),
                "intervalPeriod.duration");
        badRequest(org, Map.of("programName", newSlug("p"), "intervalPeriod", Map.of("start", "soon")),
                "intervalPeriod.start");
        badRequest(org, Map.of("programName", newSlug("p"), "attributes",
                List.of(Map.of("type", "PRINCIPAL_SUBDIVISION", "values", List.of("US-CA", "US-ZZ")))),
                "attributes[0].values[1]");
        badRequest(org, Map.of("programName", newSlug("p"), "attributes",
                List.of(Map.of("type", "COUNTRY", "values", List.of("US")),
                        Map.of("type", "PROGRAM_TYPE", "values", List.of("LOTTERY")))),
                "attributes[1].values[0]");
        badRequest(org, Map.of("programName", newSlug("p"), "attributes", List.of(Map.of("values", List.of(1)))),
                "attributes[0].type");
        badRequest(org, Map.of("programName", newSlug("p"), "programDescriptions", List.of(Map.of("URL", "a b"))),
                "programDescriptions[0].URL");
        badRequest(org, Map.of("programName", newSlug("p"), "payloadDescriptors",
                List.of(Map.of("payloadType", "PRICE"))), "payloadDescriptors[0].objectType");
        badRequest(org, Map.of("programName", newSlug("p"), "targets", List.of("")), "targets[0]");
    }

    private static void badRequest(String org, Map<String, Object> body, String field) {
        bearer(org, WRITE).body(body).post("/v2/programs").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(field));
    }

    @Test
    void theValidatorRejectsAProgramThatBreaksTheSchema() {
        String broken = "{\"id\":\"p-1\",\"createdDateTime\":\"2026-01-01T00:00:00Z\","
                + "\"modificationDateTime\":\"2026-01-01T00:00:00Z\",\"objectType\":\"EVENT_X\","
                + "\"programName\":\"\",\"attributes\":[{\"type\":\"X\"}]}";
        assertThat(OpenAdrSchema.report("/v2/programs/p-1", Method.GET, 200, broken).hasErrors()).isTrue();
    }
}
