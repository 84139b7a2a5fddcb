package dev.gridservices.auth;

import static dev.gridservices.auth.AuthFixtures.ADMIN_KEY;
import static dev.gridservices.auth.AuthFixtures.HEADER;
import static dev.gridservices.auth.AuthFixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A client secret is rotated without downtime: both secrets work until the old one is revoked or expires. */
@QuarkusTest
@QuarkusTestResource(AuthTestResource.class)
class ClientSecretRotationTest {

    @Test
    void bothSecretsWorkUntilTheOldOneIsRevoked() {
        AuthFixtures.Client client = AuthFixtures.client(List.of("read_events"));
        Response rotated = rotate(client, Map.of()).then().statusCode(201)
                .body("previousSecretsExpireAt", notNullValue()).extract().response();
        String newSecret = rotated.path("clientSecret");

        token(client.clientId(), client.secret(), null).then().statusCode(200);
        token(client.clientId(), newSecret, null).then().statusCode(200);

        rotate(client, Map.of()).then().statusCode(409).contentType("application/problem+json");

        given().header(HEADER, ADMIN_KEY)
                .delete("/v1/organizations/{org}/oauth-clients/{id}/secrets/{secret}",
                        client.organizationId(), client.clientId(), client.secretId())
                .then().statusCode(204);
        token(client.clientId(), client.secret(), null).then().statusCode(401).body("error", equalTo("invalid_client"));
        token(client.clientId(), newSecret, null).then().statusCode(200);

        given().header(HEADER, ADMIN_KEY)
                .get("/v1/organizations/{org}/oauth-clients/{id}", client.organizationId(), client.clientId())
                .then().statusCode(200).body("secrets", hasSize(2))
                .body("secrets.find { it.id == '" + client.secretId() + "' }.revokedAt", notNullValue());
    }

    @Test
    void theOldSecretStopsWorkingWhenTheOverlapEnds() {
        AuthFixtures.Client client = AuthFixtures.client(List.of("read_events"));
        String newSecret = rotate(client, Map.of("overlapSeconds", 0)).then().statusCode(201)
                .extract().path("clientSecret");
        token(client.clientId(), client.secret(), null).then().statusCode(401).body("error", equalTo("invalid_client"));
        token(client.clientId(), newSecret, null).then().statusCode(200);
    }

    @Test
    void rejectsANegativeOverlap() {
        AuthFixtures.Client client = AuthFixtures.client(List.of("read_events"));
        rotate(client, Map.of("overlapSeconds", -1)).then().statusCode(400)
                .contentType("application/problem+json");
    }

    private static Response rotate(AuthFixtures.Client client, Map<String, Object> body) {
        return given().header(HEADER, ADMIN_KEY).contentType(ContentType.JSON).body(body)
                .post("/v1/organizations/{org}/oauth-clients/{id}/secrets", client.organizationId(), client.clientId());
    }
}
