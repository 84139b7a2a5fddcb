package dev.gridservices.auth;

import static dev.gridservices.auth.AuthFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gridservices.testkit.InfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec §11: 30 token requests per minute per client_id, then 429 with Retry-After. */
@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class TokenRateLimitTest {

    @Test
    void the31stRequestWithinAMinuteIsRateLimited() {
        AuthFixtures.Client client = AuthFixtures.client(List.of("read_events"));
        for (int i = 0; i < 30; i++) {
            token(client.clientId(), client.secret(), null).then().statusCode(200);
        }
        Response limited = token(client.clientId(), client.secret(), null);
        limited.then().statusCode(429).contentType("application/problem+json").body("status", equalTo(429));
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);

        AuthFixtures.Client other = AuthFixtures.client(client.organizationId(), List.of("read_events"), null);
        token(other.clientId(), other.secret(), null).then().statusCode(200);
    }

    @Test
    void requestsWithAWrongSecretDoNotSpendTheClientsBudget() {
        AuthFixtures.Client client = AuthFixtures.client(List.of("read_events"));
        for (int i = 0; i < 40; i++) {
            token(client.clientId(), "not-the-secret", null).then().statusCode(401);
        }
        token(client.clientId(), client.secret(), null).then().statusCode(200);
    }
}
