package dev.gridservices.testkit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Readiness must follow the database: UP while it answers, DOWN (503) once it is gone, so that
 * Kubernetes stops routing to a pod that cannot serve. A service extends this with
 * {@code @QuarkusTest @TestProfile(DatabaseDownProfile.class)}.
 */
public abstract class AbstractReadinessTest {

    @Test
    void readinessTurnsDownWhenTheDatabaseIsUnreachable() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200);

        DisposableDatabaseResource.stopDatabase();

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().when().get("/q/health/ready").then()
                        .statusCode(503)
                        .body("status", equalTo("DOWN"))
                        .body("checks.status", hasItem("DOWN")));
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
