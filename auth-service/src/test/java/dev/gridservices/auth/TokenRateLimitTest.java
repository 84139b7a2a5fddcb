package dev.gridservices.auth;

import static dev.gridservices.auth.AuthFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spec §11: 30 token requests per minute per client_id, then 429 with Retry-After; and at most 20 failed
 * client authentications per minute per source address, after which that address is refused outright.
 */
@QuarkusTest
@QuarkusTestResource(AuthTestResource.class)
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

    @Test
    void anAddressThatFailedTooOftenIsRefusedEvenWithTheRightSecret() {
        AuthFixtures.Client client = AuthFixtures.client(List.of("read_events"));
        String guesser = AuthFixtures.randomAddress();
        for (int i = 0; i < 10; i++) {
            token(guesser, client.clientId(), "guess-" + i, null).then().statusCode(401);
            token(guesser, "cl_random_" + i, "guess", null).then().statusCode(401);
        }
        Response refused = token(guesser, client.clientId(), client.secret(), null);
        refused.then().statusCode(429).contentType("application/problem+json").body("status", equalTo(429));
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        // Malformed credentials from that address are refused before they are even read.
        AuthFixtures.fromAddress(guesser).contentType(AuthFixtures.FORM).formParam("grant_type", "client_credentials")
                .post("/v2/auth/token").then().statusCode(429);
        // The client itself is not locked out: only the guessing address is.
        token(AuthFixtures.randomAddress(), client.clientId(), client.secret(), null).then().statusCode(200);
    }

    /**
     * X-Forwarded-For is believed only from the gateway (127.0.0.1 in the test profile). A client connecting
     * from 127.0.0.2 that names a new address in every request is still limited by its own address.
     */
    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() throws IOException {
        AuthFixtures.Client client = AuthFixtures.client(List.of("read_events"));
        for (int i = 0; i < 20; i++) {
            assertThat(postFromSecondLoopback(client.clientId(), "wrong-" + i, AuthFixtures.randomAddress()))
                    .as("failure %d", i).isEqualTo(401);
        }
        assertThat(postFromSecondLoopback(client.clientId(), client.secret(), AuthFixtures.randomAddress())).isEqualTo(429);
    }

    /** A raw HTTP/1.1 token request over a socket bound to 127.0.0.2 (Java 17's HttpClient cannot choose its source). */
    private static int postFromSecondLoopback(String clientId, String secret, String forwardedFor) throws IOException {
        String body = "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret;
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), RestAssured.port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v2/auth/token HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nX-Forwarded-For: " + forwardedFor + "\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
