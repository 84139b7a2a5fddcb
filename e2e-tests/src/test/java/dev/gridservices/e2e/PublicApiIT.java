package dev.gridservices.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.gridservices.localstack.LocalStack;
import dev.gridservices.localstack.process.ServiceProcess;
import dev.gridservices.localstack.seed.DemoTenant;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The public API through the gateway only, as a client on the internet would use it. */
@Order(1)
class PublicApiIT {

    private static LocalStack stack;
    private static DemoTenant demo;

    @BeforeAll
    static void startSuite() {
        stack = SuiteStack.get();
        demo = stack.demoTenant().orElseThrow(() -> new AssertionError("the launcher did not seed the demo organization"));
    }

    private static RequestSpecification gateway() {
        return given().baseUri(stack.gatewayUrl());
    }

    @Test
    void everyServiceIsHealthy() {
        assertThat(stack.serviceProcesses()).extracting(ServiceProcess::name).containsExactly(
                "auth-service", "programs-service", "enrollment-service", "device-service",
                "telemetry-ingest-service", "dispatch-service");
        for (ServiceProcess service : stack.serviceProcesses()) {
            assertThat(service.isAlive()).as(service.name()).isTrue();
            // /q/* is cluster-internal: asked of the service itself, never of the gateway
            given().baseUri("http://127.0.0.1:" + service.port())
                    .get("/q/health/ready")
                    .then().statusCode(200).body("status", equalTo("UP"));
        }
    }

    @Test
    void theOemsVenClientObtainsATokenAndReadsTheProgramOfferedToItsOrganization() {
        String token = venToken();
        gateway().auth().oauth2(token)
                .get("/v2/programs")
                .then().statusCode(200).contentType(ContentType.JSON);
        // the list is paged (the public catalog alone fills a page): the offered program, by its id
        gateway().auth().oauth2(token)
                .get("/v2/programs/" + demo.program().id())
                .then().statusCode(200).body("programName", equalTo(demo.program().slug()));
    }

    @Test
    void aProgramTheUtilityCreatesAndOffersInTheCoreApiReachesTheOemsVenClientInOpenAdrShape() {
        String slug = "e2e-battery-" + UUID.randomUUID().toString().substring(0, 8);
        String programId = utilityKey()
                .body(Map.of("slug", slug, "name", "E2E Battery Rewards", "states", List.of("CA")))
                .post("/v1/programs")
                .then().statusCode(201).extract().path("id");
        // a private program is the utility's alone until it offers it
        gateway().auth().oauth2(venToken())
                .get("/v2/programs/" + programId)
                .then().statusCode(404).contentType("application/problem+json");

        utilityKey().body(Map.of("organizationIds", List.of(demo.oem().organizationId())))
                .post("/v1/programs/" + slug + "/offers")
                .then().statusCode(201).body("organizationIds", hasItem(demo.oem().organizationId()));

        gateway().auth().oauth2(venToken())
                .get("/v2/programs/" + programId)
                .then().statusCode(200)
                .body("id", equalTo(programId))
                .body("programName", equalTo(slug));
        // a VEN client's token is not a utility credential: the core API stays closed to it
        gateway().auth().oauth2(venToken())
                .get("/v1/programs/" + slug)
                .then().statusCode(403).contentType("application/problem+json");
    }

    private static RequestSpecification utilityKey() {
        return gateway().header("Texture-Api-Key", demo.utility().serverKey()).contentType(ContentType.JSON);
    }

    private static String venToken() {
        return gateway()
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", demo.oem().clientId())
                .formParam("client_secret", demo.oem().clientSecret())
                .post("/v2/auth/token")
                .then().statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("scope", containsString("read_programs"))
                .extract().path("access_token");
    }

    @Test
    void withoutCredentialsAProtectedEndpointAnswers401ThroughTheGateway() {
        gateway().get("/v2/programs")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void eachSeededServerApiKeyReadsItsOwnOrganization() {
        gateway().header("Texture-Api-Key", demo.utility().serverKey())
                .get("/v1/organization")
                .then().statusCode(200).body("name", equalTo("Demo Utility")).body("kind", equalTo("utility"));
        gateway().header("Texture-Api-Key", demo.oem().serverKey())
                .get("/v1/organization")
                .then().statusCode(200).body("name", equalTo("Demo OEM")).body("kind", equalTo("oem"));
    }

    @Test
    void theSeededProgramHasAnInstanceThatAcceptsEnrollments() {
        utilityKey().get("/v1/programInstances/" + demo.program().instanceId())
                .then().statusCode(200)
                .body("status", equalTo("active"))
                .body("acceptingEnrollments", equalTo(true));
    }

    @Test
    void tokensVerifyAgainstTheDiscoveryDocumentServedThroughTheGateway() {
        gateway().get("/.well-known/openid-configuration")
                .then().statusCode(200)
                .body("jwks_uri", notNullValue())
                .body("issuer", notNullValue());
    }

    @Test
    void anUnknownRouteIsA404ProblemFromTheGateway() {
        Response response = gateway().get("/v1/no-such-thing");

        response.then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("type", equalTo("https://direct.texturehq.com/errors/not-found"));
        assertThat(response.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void internalAndManagementPathsAreNotReachableThroughTheGateway() {
        gateway().contentType(ContentType.JSON).body("{\"key\":\"" + demo.utility().serverKey() + "\"}")
                .post("/internal/api-keys/introspect")
                .then().statusCode(404).contentType("application/problem+json");
        gateway().get("/q/health").then().statusCode(404);
    }
}
