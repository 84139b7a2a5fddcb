package dev.gridservices.kit.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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
                .body("detail", not(containsString("secret")));
    }
}
