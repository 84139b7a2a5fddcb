package dev.gridservices.testkit.auth;

import static dev.gridservices.testkit.auth.LoopbackJson.body;
import static dev.gridservices.testkit.auth.LoopbackJson.send;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Stands in for auth-service in the tests of the other services: a real HTTP server on a loopback port
 * serving OIDC discovery, the JWKS and API-key introspection as the auth contract describes them, for the
 * tokens and keys that tests create through {@link TestCredentials}/{@link TestToken}.
 * <p>
 * One server per test JVM. Its URL is kept in a system property, so a test class loaded by another
 * Quarkus class loader finds the same server; tests create credentials over HTTP ({@code /test/*}) for the
 * same reason, which keeps keys and the registry in the one server that verifies them.
 */
public final class TestAuthServer implements AutoCloseable {

    static final String URL_PROPERTY = "gridservices.test-auth-server.url";
    static final String AUDIENCE = "grid-services";
    /**
     * The service credential ({@code security.service-credential}) of every service under test, which
     * {@code InfrastructureResource} configures; this server's {@code /internal/*} endpoints require it in
     * the {@value #SERVICE_CREDENTIAL_HEADER} header, as auth-service's do.
     */
    public static final String SERVICE_CREDENTIAL = "test-service-credential";
    public static final String SERVICE_CREDENTIAL_HEADER = "Texture-Service-Credential";

    private static final Logger LOG = Logger.getLogger(TestAuthServer.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final String issuer;
    /** Every key that may still verify a live token (EC P-256 and RSA), newest last. */
    private final List<PublicJsonWebKey> publishedKeys = new CopyOnWriteArrayList<>();
    /** The signing keys: ES256 (auth-service's default) and RS256 (a client's tokenSigningAlg=RS256). */
    private volatile EllipticCurveJsonWebKey ecSigningKey;
    private volatile RsaJsonWebKey rsaSigningKey;
    /** Signs "tokens from a different key": never published. */
    private final EllipticCurveJsonWebKey unpublishedKey;
    private final Map<String, JsonObject> apiKeys = new ConcurrentHashMap<>();
    private final AtomicInteger introspections = new AtomicInteger();
    private volatile boolean introspectionAvailable = true;

    private TestAuthServer() throws IOException, JoseException {
        addSigningKeys();
        unpublishedKey = ecKey("test-unpublished-key");
        server = LoopbackJson.serve("test-auth-server", 4, this::handle);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The base URL (and issuer) of this JVM's test auth server, started on first use and stopped at JVM
     * exit. Configure it as {@code quarkus.oidc.auth-server-url} and {@code security.auth-service.url};
     * {@code InfrastructureResource} does.
     */
    public static String url() {
        // System properties are the one lock and registry all class loaders of the JVM share.
        synchronized (System.getProperties()) {
            String url = System.getProperty(URL_PROPERTY);
            if (url == null) {
                long start = System.nanoTime();
                TestAuthServer server = start();
                url = server.issuer;
                System.setProperty(URL_PROPERTY, url);
                Runtime.getRuntime().addShutdownHook(new Thread(server::close));
                LOG.infof("Test auth server at %s in %d ms", url, (System.nanoTime() - start) / 1_000_000);
            }
            return url;
        }
    }

    private static TestAuthServer start() {
        try {
            return new TestAuthServer();
        } catch (IOException | JoseException e) {
            throw new IllegalStateException("Cannot start the test auth server", e);
        }
    }

    /**
     * Publishes a new signing key and signs every later token with it; earlier tokens stay verifiable, as
     * with auth-service's rotation. Affects every test of this JVM.
     */
    public static void rotateSigningKey() {
        TestAuthClient.post("/test/keys/rotate", new JsonObject());
    }

    /**
     * Makes the introspection endpoint answer 503 ({@code false}) or work again ({@code true}), to see what
     * a service does while auth-service is unavailable. Affects every test of this JVM: switch it back.
     */
    public static void introspectionAvailable(boolean available) {
        TestAuthClient.post("/test/introspection", new JsonObject().put("available", available));
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            switch (route) {
                case "GET /.well-known/openid-configuration" -> send(exchange, 200, discovery());
                case "GET /.well-known/jwks.json" -> send(exchange, 200, new JsonWebKeySet(List.copyOf(publishedKeys))
                        .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
                case "POST /internal/api-keys/introspect" -> {
                    introspections.incrementAndGet();
                    if (!SERVICE_CREDENTIAL.equals(exchange.getRequestHeaders().getFirst(SERVICE_CREDENTIAL_HEADER))) {
                        send(exchange, 401, new JsonObject().put("status", 401)
                                .put("detail", "service credential required").encode());
                    } else if (introspectionAvailable) {
                        send(exchange, 200, introspect(body(exchange)).encode());
                    } else {
                        send(exchange, 503, new JsonObject().put("error", "unavailable").encode());
                    }
                }
                case "POST /test/introspection" -> {
                    introspectionAvailable = body(exchange).getBoolean("available", true);
                    send(exchange, 204, null);
                }
                case "POST /test/tokens" -> send(exchange, 200,
                        new JsonObject().put("access_token", token(body(exchange))).encode());
                case "POST /test/api-keys" -> send(exchange, 200, createKey(body(exchange)).encode());
                case "POST /test/api-keys/revoke" -> {
                    JsonObject revoked = apiKeys.computeIfPresent(body(exchange).getString("key", ""),
                            (secret, record) -> record.copy().put("active", false));
                    send(exchange, revoked == null ? 404 : 204, null);
                }
                case "POST /test/keys/rotate" -> {
                    addSigningKeys();
                    send(exchange, 204, null);
                }
                case "GET /test/introspections" -> send(exchange, 200,
                        new JsonObject().put("count", introspections.get()).encode());
                default -> send(exchange, 404, new JsonObject().put("error", "not_found").encode());
            }
        } catch (RuntimeException | JoseException e) {
            LOG.error("Test auth server failed on " + exchange.getRequestURI(), e);
            send(exchange, 500, new JsonObject().put("error", String.valueOf(e)).encode());
        }
    }

    private String discovery() {
        return new JsonObject()
                .put("issuer", issuer)
                .put("jwks_uri", issuer + "/.well-known/jwks.json")
                .put("token_endpoint", issuer + "/v2/auth/token")
                .put("grant_types_supported", new JsonArray().add("client_credentials"))
                .put("response_types_supported", new JsonArray().add("token"))
                .put("subject_types_supported", new JsonArray().add("public"))
                .put("id_token_signing_alg_values_supported", new JsonArray().add("ES256").add("RS256"))
                .put("token_endpoint_auth_methods_supported",
                        new JsonArray().add("client_secret_post").add("client_secret_basic"))
                .encode();
    }

    /** Mints a token as {@link TestToken} describes it; by default exactly as auth-service would. */
    private String token(JsonObject spec) throws JoseException {
        long now = System.currentTimeMillis() / 1000;
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(spec.getString("issuer", issuer));
        claims.setAudience(spec.getString("audience", AUDIENCE));
        String clientId = spec.getString("clientId");
        claims.setSubject(clientId);
        claims.setClaim("client_id", clientId);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + spec.getLong("expiresIn", 3600L)));
        claims.setClaim("scope", String.join(" ", strings(spec.getJsonArray("scopes"))));
        putIfPresent(claims, "org_id", spec.getString("organizationId"));
        putIfPresent(claims, "workspace_id", spec.getString("workspaceId"));
        putIfPresent(claims, "ven_id", spec.getString("venId"));
        if (!spec.getBoolean("omitKind", false)) {
            claims.setClaim("org_kind", spec.containsKey("organizationKind") ? spec.getString("organizationKind") : "utility");
        }

        boolean rsa = "RS256".equals(spec.getString("algorithm", "ES256"));
        PublicJsonWebKey key = spec.getBoolean("unpublishedKey", false) ? unpublishedKey
                : rsa ? rsaSigningKey : ecSigningKey;
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(rsa && key != unpublishedKey ? AlgorithmIdentifiers.RSA_USING_SHA256
                : AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setHeader("typ", "JWT");
        jws.setKey(key.getPrivateKey());
        return jws.getCompactSerialization();
    }

    private JsonObject createKey(JsonObject spec) {
        String type = spec.getString("type");
        // Same prefixes as auth-service's keys.
        String prefix = switch (type) {
            case "SERVER" -> "sk_";
            case "SCOPED" -> "scoped_";
            case "MANUFACTURER" -> "mk_";
            case "PLATFORM_ADMIN" -> "pak_";
            default -> throw new IllegalArgumentException("Unknown API key type " + type);
        };
        String secret = prefix + randomToken();
        // As auth-service answers for its configured platform-admin key: no tenant, no scopes.
        JsonObject record = "PLATFORM_ADMIN".equals(type)
                ? new JsonObject().put("active", true).put("keyId", "platform-admin").put("type", type)
                : new JsonObject()
                .put("active", true)
                .put("keyId", UUID.randomUUID().toString())
                .put("organizationId", spec.getString("organizationId"))
                .put("workspaceId", spec.getString("workspaceId"))
                .put("type", type)
                .put("organizationKind", spec.getString("organizationKind"))
                .put("referenceId", spec.getString("referenceId"))
                .put("scopes", new JsonArray(List.copyOf(
                        TestCredentials.scopesOf(type, spec.getString("organizationKind")))));
        apiKeys.put(secret, record);
        return new JsonObject().put("key", secret).put("keyId", record.getString("keyId"));
    }

    private JsonObject introspect(JsonObject request) {
        JsonObject record = apiKeys.get(request.getString("key", ""));
        return record == null || !record.getBoolean("active") ? new JsonObject().put("active", false) : record;
    }

    /** A new signing key of each algorithm, published next to the earlier ones (which keep verifying). */
    private void addSigningKeys() throws JoseException {
        EllipticCurveJsonWebKey ec = ecKey("test-signing-key-es256");
        RsaJsonWebKey rsa = rsaKey("test-signing-key-rs256");
        publishedKeys.add(ec);
        publishedKeys.add(rsa);
        ecSigningKey = ec;
        rsaSigningKey = rsa;
    }

    private static EllipticCurveJsonWebKey ecKey(String keyId) throws JoseException {
        EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        key.setKeyId(keyId + "-" + UUID.randomUUID());
        key.setUse("sig");
        key.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        return key;
    }

    private static RsaJsonWebKey rsaKey(String keyId) throws JoseException {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId(keyId + "-" + UUID.randomUUID());
        key.setUse("sig");
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        return key;
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static List<String> strings(JsonArray array) {
        return array == null ? List.of() : array.stream().map(String::valueOf).toList();
    }

    private static void putIfPresent(JwtClaims claims, String name, String value) {
        if (value != null) {
            claims.setClaim(name, value);
        }
    }
}
