package dev.gridservices.mqtt.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gridservices.mqtt.client.ActiveClientsClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * The other half of auth-service for the broker's tests, a real HTTP server: its JWKS is the
 * TestAuthServer's RS256 keys plus ES256 keys of its own (auth-service is moving to ES256), and it
 * answers {@code POST /internal/oauth-clients/active} as the contract says, for the clients a test revokes.
 */
final class AuthStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String issuer;
    private final String serviceCredential;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<EllipticCurveJsonWebKey> ecKeys = new CopyOnWriteArrayList<>();
    private final Set<String> revoked = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<List<String>> activeQueries = new CopyOnWriteArrayList<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final AtomicInteger refusedQueries = new AtomicInteger();

    AuthStub(String issuer, String serviceCredential) throws IOException, JoseException {
        this.issuer = issuer;
        this.serviceCredential = serviceCredential;
        ecKeys.add(ecKey());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "auth-stub");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    URI jwksUrl() {
        return URI.create(url() + "/.well-known/jwks.json");
    }

    /** Publishes a new ES256 key and returns it; the broker learns it at its next fetch. */
    EllipticCurveJsonWebKey publishNewEcKey() throws JoseException {
        EllipticCurveJsonWebKey key = ecKey();
        ecKeys.add(key);
        return key;
    }

    EllipticCurveJsonWebKey currentEcKey() {
        return ecKeys.get(ecKeys.size() - 1);
    }

    /** An ES256 access token as auth-service will issue it, signed with {@code key}. */
    String es256Token(EllipticCurveJsonWebKey key, String venId, String oauthClientId, long lifetimeSeconds)
            throws JoseException {
        long now = System.currentTimeMillis() / 1000;
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience("grid-services");
        claims.setSubject(oauthClientId);
        claims.setClaim("client_id", oauthClientId);
        claims.setClaim("ven_id", venId);
        claims.setClaim("scope", "read_events write_reports");
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + lifetimeSeconds));
        claims.setJwtId(UUID.randomUUID().toString());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setKey(key.getPrivateKey());
        return jws.getCompactSerialization();
    }

    void revoke(String oauthClientId) {
        revoked.add(oauthClientId);
    }

    /** Every clientIds list the broker asked about, in order. */
    List<List<String>> activeQueries() {
        return List.copyOf(activeQueries);
    }

    int refusedQueries() {
        return refusedQueries.get();
    }

    int jwksFetches() {
        return jwksFetches.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            switch (route) {
                case "GET /.well-known/jwks.json" -> {
                    jwksFetches.incrementAndGet();
                    send(exchange, 200, jwks());
                }
                case "POST " + ActiveClientsClient.PATH -> active(exchange);
                default -> send(exchange, 404, "{\"error\":\"not_found\"}");
            }
        } catch (JoseException | InterruptedException e) {
            send(exchange, 500, "{\"error\":\"" + e + "\"}");
        }
    }

    private void active(HttpExchange exchange) throws IOException {
        String credential = exchange.getRequestHeaders().getFirst(ActiveClientsClient.CREDENTIAL_HEADER);
        if (!serviceCredential.equals(credential)) {
            refusedQueries.incrementAndGet();
            send(exchange, 401, "{\"title\":\"Unauthorized\"}");
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        List<String> asked = new ArrayList<>();
        body.get("clientIds").forEach(id -> asked.add(id.asText()));
        activeQueries.add(List.copyOf(asked));
        List<String> active = asked.stream().filter(id -> !revoked.contains(id)).toList();
        send(exchange, 200, JSON.writeValueAsString(Map.of("active", active)));
    }

    /** The TestAuthServer's published keys (RS256) and ours (ES256), as one set. */
    private String jwks() throws IOException, InterruptedException, JoseException {
        String rsa = http.send(HttpRequest.newBuilder(URI.create(issuer + "/.well-known/jwks.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<JsonWebKey> keys = new ArrayList<>(new JsonWebKeySet(rsa).getJsonWebKeys());
        keys.addAll(ecKeys);
        return new JsonWebKeySet(keys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static EllipticCurveJsonWebKey ecKey() throws JoseException {
        EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        key.setKeyId("test-es256-" + UUID.randomUUID());
        key.setUse("sig");
        key.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        return key;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
