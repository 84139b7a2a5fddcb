package dev.gridservices.device;

import static dev.gridservices.device.Api.newOrg;
import static dev.gridservices.device.Api.oemServer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gridservices.testkit.InfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** Direct API §11: 500 device-management requests per minute per integration account, then 429 + Retry-After. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class RateLimitTest {

    /**
     * The bucket holds 500 and refills greedily (500 per minute, about 8.3 per second), so the first 500
     * requests always pass and the refusal comes once the refill since the start is used up too.
     */
    @Test
    void requestsBeyond500AMinuteAreRefused() {
        String org = newOrg();
        long start = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            oemServer(org).queryParam("limit", 0).get(i % 2 == 0 ? "/v2/vens" : "/v1/devices").then().statusCode(200);
        }
        Response refused = null;
        int extra = 0;
        while (refused == null) {
            Response r = oemServer(org).get("/v2/resources");
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
                extra++;
                double seconds = (System.nanoTime() - start) / 1e9;
                assertThat(extra).as("requests past 500 after %.1f s", seconds).isLessThanOrEqualTo((int) (seconds * 500 / 60) + 2);
            }
        }
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        // Another account is not affected; the public list is not device management.
        oemServer(newOrg()).get("/v2/vens").then().statusCode(200);
        io.restassured.RestAssured.given().get("/v1/public/manufacturers").then().statusCode(200);
    }
}
