package dev.gridservices.testkit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import dev.gridservices.testkit.auth.TestCredentials;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What every service must offer an operator, checked the same way everywhere: health (ready covers
 * the database; Kafka is in /q/health only), Prometheus metrics, an OpenAPI document, and problem bodies for unknown routes.
 * A service extends this with {@code @QuarkusTest @QuarkusTestResource(InfrastructureResource.class)}.
 */
public abstract class AbstractServiceContractTest {

    /** Kafka is information in /q/health, not readiness: the outbox buffers while it is away. */
    @Test
    void readinessChecksTheDatabaseNotKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(containsString("Reactive PostgreSQL")))
                .body("checks.name", not(hasItem(containsString("Kafka"))));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health").then().body("checks.name", hasItem("Kafka (outbox relay)"));
    }

    @Test
    void metricsAreExposedForPrometheus() {
        given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("outbox_messages_published_total"));
    }

    /**
     * The metrics move with the traffic: a name that is merely registered would pass a check on names, so
     * this counts the 404s, sends three more, and waits for the count to grow by at least three.
     */
    @Test
    void requestMetricsCountRequests() {
        String token = TestCredentials.bearer("org-contract-test");
        double before = notFoundCount();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get("/v1/no-such-route/" + i).then().statusCode(404);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(notFoundCount()).isGreaterThanOrEqualTo(before + 3));
    }

    private static double notFoundCount() {
        String metrics = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{") && line.contains("status=\"404\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void openApiDocumentIsServed() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("openapi", containsString("3."));
    }

    /** With a valid token, since a service using libs/security-kit answers 401 to anyone anonymous under /v1. */
    @Test
    void unknownRoutesAnswerWithAProblem() {
        given().auth().oauth2(TestCredentials.bearer("org-contract-test")).get("/v1/no-such-route").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("message", equalTo("No resource matches this path"));
    }
}
