package dev.gridservices.localstack.infra;

import io.moquette.broker.security.IAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.http.Get;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * Authenticates MQTT connections (design: "MQTT broker sidecar"): a VEN sends an auth-service access
 * token as username (password empty) — RS256 against auth-service's JWKS, issuer, audience
 * {@code grid-services}, not expired, with a {@code ven_id} claim; a platform service sends the
 * launcher's service credential. Remembers each accepted connection's principal by client id for
 * {@link MqttTopicPolicy}. Tokens and the service password are never logged.
 */
public final class MqttAuthenticator implements IAuthenticator {

    public static final String AUDIENCE = "grid-services";
    public static final String VEN_ID_CLAIM = "ven_id";

    private final JwtConsumer tokens;
    private final String serviceUsername;
    private final byte[] servicePassword;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    private record Connection(String username, MqttPrincipal principal) {
    }

    /**
     * @param issuer  auth-service's issuer URL; its JWKS is {@code {issuer}/.well-known/jwks.json}
     */
    public MqttAuthenticator(String issuer, String serviceUsername, String servicePassword) {
        HttpsJwks jwks = new HttpsJwks(issuer + "/.well-known/jwks.json");
        Get get = new Get();
        // Moquette authenticates on its network thread: a slow auth-service must not hold it for long
        get.setConnectTimeout(2_000);
        get.setReadTimeout(5_000);
        jwks.setSimpleHttpGet(get);
        // the resolver refetches the key set when a token names a kid it has not seen (key rotation)
        this.tokens = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuer(issuer)
                .setExpectedAudience(AUDIENCE)
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(30)
                .build();
        this.serviceUsername = serviceUsername;
        this.servicePassword = servicePassword.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean checkValid(String clientId, String username, byte[] password) {
        if (clientId == null || username == null || username.isEmpty()) {
            return false;
        }
        Optional<MqttPrincipal> principal = username.equals(serviceUsername)
                ? servicePrincipal(password)
                : venPrincipal(username);
        principal.ifPresent(p -> connections.put(clientId, new Connection(username, p)));
        return principal.isPresent();
    }

    /** The principal the connection {@code clientId} authenticated as with {@code username}. */
    public Optional<MqttPrincipal> principal(String clientId, String username) {
        Connection connection = connections.get(clientId);
        // a later connection with the same client id but other credentials does not inherit the grant
        return connection != null && connection.username().equals(username)
                ? Optional.of(connection.principal())
                : Optional.empty();
    }

    private Optional<MqttPrincipal> servicePrincipal(byte[] password) {
        return password != null && MessageDigest.isEqual(password, servicePassword)
                ? Optional.of(MqttPrincipal.platformService())
                : Optional.empty();
    }

    private Optional<MqttPrincipal> venPrincipal(String token) {
        try {
            JwtClaims claims = tokens.processToClaims(token);
            Object venId = claims.getClaimValue(VEN_ID_CLAIM);
            return venId instanceof String id && MqttTopicPolicy.isPlainLevel(id)
                    ? Optional.of(MqttPrincipal.ven(id))
                    : Optional.empty();
        } catch (InvalidJwtException e) {
            return Optional.empty();
        }
    }
}
