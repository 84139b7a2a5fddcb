package dev.gridservices.mqtt.auth;

import java.security.Key;
import java.time.Instant;
import java.util.List;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Checks a VEN's access token against the in-memory key set only: signature (ES256 or RS256, by a
 * published key whose type fits the algorithm), issuer, audience, expiry (strictly in the future: the
 * connection is closed at {@code exp}), and the {@code ven_id} and {@code client_id} claims.
 */
public final class TokenVerifier {

    public static final String VEN_ID_CLAIM = "ven_id";
    public static final String CLIENT_ID_CLAIM = "client_id";

    /** The outcome: a VEN principal, a refusal, or "signed by a kid we do not know (yet)". */
    public sealed interface Result {
    }

    public record Accepted(Principal principal) implements Result {
    }

    public record Rejected(String reason) implements Result {
    }

    public record UnknownKey(String kid) implements Result {
    }

    private static final List<String> ALGORITHMS = List.of(
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, AlgorithmIdentifiers.RSA_USING_SHA256);

    private final JwksKeySet keys;
    private final JwtConsumer consumer;

    public TokenVerifier(JwksKeySet keys, String issuer, String audience) {
        this.keys = keys;
        this.consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new InMemoryResolver())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, ALGORITHMS.toArray(String[]::new))
                .setExpectedIssuer(issuer)
                .setExpectedAudience(audience)
                .setRequireExpirationTime()
                // exp is checked below against our own clock without leeway; nbf/iat may be a little ahead
                .setAllowedClockSkewInSeconds(5)
                .build();
    }

    public Result verify(String token) {
        String kid;
        try {
            JsonWebStructure structure = JsonWebStructure.fromCompactSerialization(token);
            if (!(structure instanceof JsonWebSignature)) {
                return new Rejected("not a signed token");
            }
            kid = structure.getKeyIdHeaderValue();
        } catch (JoseException e) {
            return new Rejected("not a JWT");
        }
        if (kid == null) {
            return new Rejected("no kid");
        }
        if (keys.key(kid).isEmpty()) {
            return new UnknownKey(kid);
        }
        try {
            JwtClaims claims = consumer.processToClaims(token);
            Instant expiresAt = Instant.ofEpochMilli(claims.getExpirationTime().getValueInMillis());
            if (!expiresAt.isAfter(Instant.now())) {
                return new Rejected("expired");
            }
            Object venId = claims.getClaimValue(VEN_ID_CLAIM);
            if (!(venId instanceof String id) || !TopicPolicy.isVenId(id)) {
                return new Rejected("no usable ven_id claim");
            }
            Object clientId = claims.getClaimValue(CLIENT_ID_CLAIM);
            if (!(clientId instanceof String oauthClient) || oauthClient.isBlank()) {
                return new Rejected("no client_id claim");
            }
            return new Accepted(Principal.ven(id, oauthClient, expiresAt));
        } catch (InvalidJwtException e) {
            return new Rejected(e.hasExpired() ? "expired" : "invalid token");
        } catch (MalformedClaimException e) {
            return new Rejected("malformed claims");
        }
    }

    private final class InMemoryResolver implements VerificationKeyResolver {
        @Override
        public Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nestingContext)
                throws UnresolvableKeyException {
            PublicJsonWebKey key = keys.key(jws.getKeyIdHeaderValue())
                    .orElseThrow(() -> new UnresolvableKeyException("unknown kid"));
            String algorithm = jws.getAlgorithmHeaderValue();
            boolean fits = (AlgorithmIdentifiers.RSA_USING_SHA256.equals(algorithm) && "RSA".equals(key.getKeyType()))
                    || (AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256.equals(algorithm)
                    && "EC".equals(key.getKeyType()));
            if (!fits) {
                throw new UnresolvableKeyException("key type does not fit the algorithm");
            }
            return key.getPublicKey();
        }
    }
}
