package dev.gridservices.kit.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemDetailsTest {

    @Test
    void malformedJsonIsA400Problem() {
        given().contentType(ContentType.JSON).body("{\"name\": ").post("/gadgets")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://direct.texturehq.com/errors/malformed-request"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/gadgets"))
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void aWronglyTypedFieldIsNamed() {
        given().contentType(ContentType.JSON).body("{\"name\":\"a\",\"installedAt\":\"yesterday\"}").post("/gadgets")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://direct.texturehq.com/errors/validation-error"))
                .body("errors.field", hasItem("installedAt"));
    }

    @Test
    void bodyValidationNamesTheJsonFieldAndTheRule() {
        given().contentType(ContentType.JSON).body("{\"name\":\"\",\"state\":\"Colorado\",\"parts\":[{\"name\":\"\"}]}")
                .post("/gadgets")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://direct.texturehq.com/errors/validation-error"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("state"))
                .body("errors.field", hasItem("parts[0].name"))
                .body("detail", containsString("state: must match"));
    }

    @Test
    void aMissingBodyIsAValidationProblem() {
        given().contentType(ContentType.JSON).post("/gadgets")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void queryParameterValidationNamesTheParameter() {
        given().queryParam("limit", 51).get("/gadgets")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void paginationBoundsAreProblems() {
        given().queryParam("perPage", 101).get("/gadgets")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("perPage"));
        given().queryParam("page", 0).get("/gadgets")
                .then().statusCode(400).body("errors[0].field", equalTo("page"));
        given().queryParam("page", 1001).get("/gadgets")
                .then().statusCode(400).body("errors[0].field", equalTo("page"));
        given().get("/gadgets").then().statusCode(200).body("page", equalTo(1)).body("perPage", equalTo(10));
        given().queryParam("page", 3).queryParam("perPage", 10).get("/gadgets")
                .then().statusCode(200).body("page", equalTo(3)).body("perPage", equalTo(10));
    }

    @Test
    void anUnknownRouteIsA404Problem() {
        given().get("/no/such/route")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://direct.texturehq.com/errors/not-found"))
                .body("instance", equalTo("/no/such/route"));
        given().get("/gadgets/no-such-child")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aWrongMethodIsA405Problem() {
        given().delete("/gadgets")
                .then().statusCode(405).contentType("application/problem+json")
                .body("type", equalTo("https://direct.texturehq.com/errors/method-not-allowed"));
    }

    @Test
    void aWrongContentTypeIsA415Problem() {
        given().contentType(ContentType.XML).body("<gadget/>").post("/gadgets")
                .then().statusCode(415).contentType("application/problem+json")
                .body("type", equalTo("https://direct.texturehq.com/errors/unsupported-media-type"));
    }

    @Test
    void anUnexpectedFailureIsA500ProblemThatHidesInternals() {
        given().get("/gadgets/boom")
                .then().statusCode(500).contentType("application/problem+json")
                .body("type", equalTo("https://direct.texturehq.com/errors/internal-error"))
                .body("detail", equalTo("An unexpected error occurred"))
                .body(not(containsString("secret")));
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsA400NamingIt() {
        given().queryParam("page", "x").get("/gadgets")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("page"));
        given().queryParam("count", "many").get("/gadgets/typed")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("count"));
        given().queryParam("since", "not-a-uuid").get("/gadgets/typed")
                .then().statusCode(400).body("errors[0].field", equalTo("since"));
        given().queryParam("count", "7").get("/gadgets/typed").then().statusCode(200).body("count", equalTo("7"));
    }

    /** A path segment that cannot be an id names no resource: that stays a 404. */
    @Test
    void aPathParameterOfTheWrongTypeIsA404Problem() {
        given().get("/gadgets/by-id/not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void thePageBeanRejectsEveryBadValueWithA400NamingTheParameter() {
        for (String bad : new String[] {"x", "-1", "0", "1001", "1.5", "99999999999"}) {
            given().queryParam("page", bad).get("/gadgets/paged")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("page"));
        }
        for (String bad : new String[] {"x", "-1", "0", "101", "true"}) {
            given().queryParam("perPage", bad).get("/gadgets/paged")
                    .then().statusCode(400).body("errors.field", hasItem("perPage"));
        }
        given().queryParam("page", "x").queryParam("perPage", "y").get("/gadgets/paged")
                .then().statusCode(400).body("errors.field", hasItems("page", "perPage"));
        given().get("/gadgets/paged").then().statusCode(200).body("page", equalTo(1)).body("perPage", equalTo(10));
        given().queryParam("page", "2").queryParam("perPage", "25").get("/gadgets/paged")
                .then().statusCode(200).body("page", equalTo(2)).body("perPage", equalTo(25));
        given().get("/gadgets/paged-by-hundred").then().statusCode(200).body("perPage", equalTo(100));
    }

    @Test
    void theSkipLimitBeanRejectsEveryBadValueWithA400NamingTheParameter() {
        for (String bad : new String[] {"x", "-1", "2.5"}) {
            given().queryParam("skip", bad).get("/gadgets/windowed")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("skip"));
        }
        for (String bad : new String[] {"x", "-1", "51"}) {
            given().queryParam("limit", bad).get("/gadgets/windowed")
                    .then().statusCode(400).body("errors.field", hasItem("limit"));
        }
        given().get("/gadgets/windowed").then().statusCode(200).body("skip", equalTo(0)).body("limit", equalTo(50));
        given().queryParam("skip", "5").queryParam("limit", "0").get("/gadgets/windowed")
                .then().statusCode(200).body("skip", equalTo(5)).body("limit", equalTo(0));
    }

    @Test
    void aNulCharacterAnywhereInAJsonBodyIsA400() {
        given().contentType(ContentType.JSON).body("{\"name\":\"a\\u0000b\"}").post("/gadgets")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("NUL"));
        given().contentType(ContentType.JSON).body("{\"attributes\":{\"k\\u0000\":1}}").post("/gadgets/settings")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"attributes\":{\"k\":[\"\\u0000\"]}}").post("/gadgets/settings")
                .then().statusCode(400).contentType("application/problem+json");
        // an escaped backslash followed by "u0000" is six ordinary characters
        given().contentType(ContentType.JSON).body("{\"slug\":\"a\\\\u0000\",\"priority\":1}").post("/gadgets/settings")
                .then().statusCode(200).body("slug", equalTo("a\\u0000"));
    }

    @Test
    void aMalformedFormBodyIsA400Problem() {
        for (String bad : new String[] {"%%%", "name=%zz", "name=%"}) {
            given().contentType("application/x-www-form-urlencoded").body(bad).post("/gadgets/form")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        given().contentType("application/x-www-form-urlencoded").body("name=a%20b").post("/gadgets/form")
                .then().statusCode(200).body("name", equalTo("a b"));
    }

    @Test
    void noScalarIsCoercedFromAnotherJsonType() {
        Map<String, String> wrong = Map.of(
                "slug", "{\"slug\":0.000001}",
                "slug ", "{\"slug\":7}",
                "slug  ", "{\"slug\":true}",
                "enabled", "{\"enabled\":\"true\"}",
                "enabled ", "{\"enabled\":1}",
                "count", "{\"count\":\"5\"}",
                "count ", "{\"count\":1.5}",
                "priority", "{\"priority\":null}",
                "kind", "{\"kind\":0}",
                "tags", "{\"tags\":\"solo\"}");
        // a record's primitive is required: absent or null is a 400, not a silent 0
        given().contentType(ContentType.JSON).body("{\"slug\":\"s\"}").post("/gadgets/settings")
                .then().statusCode(400).body("errors.field", hasItem("priority"));
        wrong.forEach((field, body) -> given().contentType(ContentType.JSON).body(body).post("/gadgets/settings")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field.trim())));
        given().contentType(ContentType.JSON)
                .body("{\"slug\":\"s\",\"enabled\":true,\"count\":5,\"priority\":2,\"kind\":\"BATTERY\",\"tags\":[\"a\"]}")
                .post("/gadgets/settings").then().statusCode(200)
                .body("slug", equalTo("s")).body("enabled", equalTo(true)).body("count", equalTo(5))
                .body("kind", equalTo("BATTERY"));
    }

    @Test
    void malformedJsonVariantsAre400Problems() {
        for (String bad : new String[] {"{\"slug\":\"a\"} trailing", "{\"slug\":\"a\",\"slug\":\"b\"}", "{\"slug\":\"a\"",
                "[1,2", "nul", "{\"slug\":\"\u0001\"}"}) {
            given().contentType(ContentType.JSON).body(bad).post("/gadgets/settings")
                    .then().statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    void oversizedJsonIsA400Problem() {
        String hugeString = "{\"slug\":\"" + "x".repeat(300_000) + "\"}";
        given().contentType(ContentType.JSON).body(hugeString).post("/gadgets/settings")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("limit"));
        String deep = "{\"attributes\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "}";
        given().contentType(ContentType.JSON).body(deep).post("/gadgets/settings")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("nesting depth"));
        String longArray = "{\"tags\":[" + "\"t\",".repeat(10_000) + "\"t\"]}";
        given().contentType(ContentType.JSON).body(longArray).post("/gadgets/settings")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("tags"));
        String okArray = "{\"priority\":1,\"tags\":[" + "\"t\",".repeat(9_999) + "\"t\"]}";
        given().contentType(ContentType.JSON).body(okArray).post("/gadgets/settings").then().statusCode(200);
    }

    @Test
    void aBodyOverTheSizeLimitIsA413Problem() {
        String big = "{\"slug\":\"" + "x".repeat(200_000) + "\",\"tags\":[" + "\"abcdefghij\",".repeat(80_000) + "\"t\"]}";
        given().contentType(ContentType.JSON).body(big).post("/gadgets/settings")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://direct.texturehq.com/errors/payload-too-large"));
    }

    @Test
    void coreApiProblemsAlsoCarryMessage() {
        given().get("/v1/gadgets/missing")
                .then().statusCode(404).contentType("application/problem+json")
                .body("message", equalTo("Gadget missing not found"))
                .body("detail", equalTo("Gadget missing not found"))
                .body("type", equalTo("https://direct.texturehq.com/errors/not-found"));
        given().get("/v1/no-such-route")
                .then().statusCode(404).contentType("application/problem+json")
                .body("message", equalTo("No resource matches this path"));
        given().get("/gadgets/boom").then().statusCode(500).body("message", nullValue());
    }

    @Test
    void databaseConstraintViolationsAreConflictsAndBadValuesAre400() {
        given().get("/v1/gadgets/refused/23505")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://direct.texturehq.com/errors/conflict"))
                .body("message", containsString("already exists"));
        given().get("/v1/gadgets/refused/23503").then().statusCode(409).contentType("application/problem+json");
        given().get("/v1/gadgets/refused/22021").then().statusCode(400).contentType("application/problem+json");
        given().get("/v1/gadgets/refused/22001").then().statusCode(400).contentType("application/problem+json");
        given().get("/v1/gadgets/refused/42P01").then().statusCode(500).contentType("application/problem+json");
    }
}
