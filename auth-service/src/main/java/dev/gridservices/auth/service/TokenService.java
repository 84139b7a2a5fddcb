package dev.gridservices.auth.service;

import dev.gridservices.auth.config.AuthConfig;
import dev.gridservices.auth.repository.OAuthClient;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.kit.problem.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/** OAuth 2.0 client credentials grant (RFC 6749 §4.4): authenticates the client and signs its access token. */
@ApplicationScoped
public class TokenService {

    private static final Logger LOG = Logger.getLogger(TokenService.class);
    public static final String GRANT_TYPE = "client_credentials";

    /** What the client sent, after the HTTP layer has checked its shape. */
    public record TokenRequest(String grantType, String clientId, String clientSecret, String scope, String sourceAddress) {
    }

    public record IssuedToken(String accessToken, long expiresIn, String scope) {
    }

    private final AuthConfig config;
    private final SigningKeyService signingKeys;
    private final TokenRateLimiter rateLimiter;
    private final ClientCache clients;
    private final MeterRegistry registry;
    private final Counter issued;
    private final Timer issueTimer;

    public TokenService(AuthConfig config, SigningKeyService signingKeys, TokenRateLimiter rateLimiter,
                        ClientCache clients, MeterRegistry registry) {
        this.config = config;
        this.clients = clients;
        this.signingKeys = signingKeys;
        this.rateLimiter = rateLimiter;
        this.registry = registry;
        this.issued = Counter.builder("auth.tokens.issued").description("Access tokens issued").register(registry);
        this.issueTimer = Timer.builder("auth.token.issue").description("Time to answer a token request")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    public Uni<IssuedToken> issue(TokenRequest request) {
        Timer.Sample sample = Timer.start(registry);
        return Uni.createFrom().voidItem()
                .invoke(() -> limitAddress(request.sourceAddress()))
                .chain(() -> clients.get(request.clientId()))
                .chain(found -> {
                    ClientCache.Snapshot client = found.orElse(null);
                    Set<String> granted = authorize(client, request);
                    // Counted only once the client proved its secret: otherwise anyone who knows a
                    // client_id could spend that client's budget and lock it out.
                    rateLimit(client.clientId());
                    return signingKeys.keys().map(keys -> sign(client, granted, keys));
                })
                .onItem().invoke(token -> {
                    issued.increment();
                    LOG.debugf("Issued token to client %s with scope [%s]", request.clientId(), token.scope());
                })
                .onFailure(TokenError.class).invoke(e -> rejected(request.sourceAddress(), request.clientId(), (TokenError) e))
                .onTermination().invoke(() -> sample.stop(issueTimer));
    }

    private void rateLimit(String clientId) {
        OptionalLong retryAfter = rateLimiter.tryAcquire(clientId);
        if (retryAfter.isPresent()) {
            failed("rate_limited");
            LOG.infof("Token request of client %s rate limited", clientId);
            throw new ProblemException(ProblemType.RATE_LIMITED,
                    "Too many token requests for this client; retry later", null,
                    Map.of("Retry-After", Long.toString(retryAfter.getAsLong())));
        }
    }

    /**
     * Refuses every request from an address that has failed client authentication too often lately. Checked
     * before the client is looked up, so a blocked guesser costs no database read either.
     */
    public void limitAddress(String address) {
        OptionalLong retryAfter = rateLimiter.addressBlocked(address);
        if (retryAfter.isPresent()) {
            failed("address_rate_limited");
            LOG.infof("Token request from %s refused: too many failed client authentications", address);
            throw new ProblemException(ProblemType.RATE_LIMITED,
                    "Too many failed client authentications from this address; retry later", null,
                    Map.of("Retry-After", Long.toString(retryAfter.getAsLong())));
        }
    }

    /**
     * Counts and logs a refused request; {@code clientId} is null when the request was refused before naming
     * one. A failed client authentication also spends the source address's budget.
     */
    public void rejected(String address, String clientId, TokenError error) {
        failed(error.error());
        if (TokenError.INVALID_CLIENT.equals(error.error())) {
            rateLimiter.failedAuthentication(address);
        }
        LOG.infof("Token request of client %s from %s rejected: %s (%s)", clientId, address, error.error(), error.getMessage());
    }

    private void failed(String error) {
        registry.counter("auth.tokens.failed", "error", error).increment();
    }

    private Set<String> authorize(ClientCache.Snapshot client, TokenRequest request) {
        Instant now = Instant.now();
        if (client == null || client.status() == OAuthClient.Status.REVOKED || !secretMatches(client, request, now)) {
            throw new TokenError(TokenError.INVALID_CLIENT, "Client authentication failed");
        }
        if ("refresh_token".equals(request.grantType())) {
            throw new TokenError(TokenError.INVALID_GRANT,
                    "Refresh tokens are never issued by this server, so none is valid; request a new token");
        }
        if (!GRANT_TYPE.equals(request.grantType())) {
            throw new TokenError(TokenError.UNSUPPORTED_GRANT_TYPE, "Only grant_type=client_credentials is supported");
        }
        if (client.status() == OAuthClient.Status.SUSPENDED) {
            throw new TokenError(TokenError.UNAUTHORIZED_CLIENT, "This client is suspended");
        }
        // Checked against the kind when the client was created; but a client from before kinds existed, or of an
        // organization whose kind the operator corrected since, may hold the other kind's scopes: never grant those.
        Set<String> allowed = new LinkedHashSet<>(client.scopes());
        allowed.retainAll(Scopes.forKind(client.organizationKind()));
        Set<String> requested = Scopes.parse(request.scope());
        if (requested.isEmpty()) {
            return allowed;
        }
        Set<String> refused = new LinkedHashSet<>(requested);
        refused.removeAll(allowed);
        if (!refused.isEmpty()) {
            throw new TokenError(TokenError.INVALID_SCOPE, "Scope not allowed for this client: " + Scopes.join(refused));
        }
        return requested;
    }

    private static boolean secretMatches(ClientCache.Snapshot client, TokenRequest request, Instant now) {
        String presented = Secrets.sha256Hex(request.clientSecret());
        boolean match = false;
        for (ClientCache.SecretHash secret : client.secrets()) {
            // No early exit: the time taken does not tell which secret (if any) matched.
            match |= secret.usableAt(now) & Secrets.sameHash(secret.hash(), presented);
        }
        return match;
    }

    private IssuedToken sign(ClientCache.Snapshot client, Set<String> scopes, SigningKeyService.KeySet keys) {
        long now = Instant.now().getEpochSecond();
        long lifetime = config.token().lifetime().toSeconds();
        String scope = Scopes.join(scopes);
        JwtClaimsBuilder claims = Jwt.issuer(config.issuer())
                .audience(config.token().audience())
                .subject(client.clientId())
                .claim("client_id", client.clientId())
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now + lifetime)
                .claim("scope", scope)
                .claim("org_id", client.organizationId().toString())
                .claim("org_kind", client.organizationKind().wire());
        if (client.workspaceId() != null) {
            claims.claim("workspace_id", client.workspaceId().toString());
        }
        if (client.venId() != null) {
            claims.claim("ven_id", client.venId());
        }
        SigningKeyService.ActiveKey key = keys.signer(client.signingAlgorithm());
        String token = claims.jws().keyId(key.kid()).algorithm(client.signingAlgorithm().jws()).sign(key.privateKey());
        return new IssuedToken(token, lifetime, scope);
    }
}
