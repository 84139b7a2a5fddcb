package dev.gridservices.auth.rest;

import dev.gridservices.auth.config.AuthConfig;
import dev.gridservices.auth.service.Scopes;
import dev.gridservices.auth.service.SigningKeyService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/** OIDC discovery and the JWKS every service verifies tokens with. Public. */
@Path("/.well-known")
@Tag(name = "auth")
public class WellKnownResource {

    private final AuthConfig config;
    private final SigningKeyService signingKeys;

    public WellKnownResource(AuthConfig config, SigningKeyService signingKeys) {
        this.config = config;
        this.signingKeys = signingKeys;
    }

    @GET
    @Path("/openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OpenID Connect discovery document (public)")
    public Map<String, Object> discovery() {
        String issuer = config.issuer();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("jwks_uri", issuer + "/.well-known/jwks.json");
        document.put("token_endpoint", issuer + "/v2/auth/token");
        document.put("grant_types_supported", List.of("client_credentials"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        document.put("response_types_supported", List.of("token"));
        document.put("subject_types_supported", List.of("public"));
        // Access tokens are ES256 unless a client asks for RS256; verifiers pick the key by kid and alg.
        document.put("id_token_signing_alg_values_supported", List.of("ES256", "RS256"));
        document.put("scopes_supported", new TreeSet<>(Scopes.KNOWN));
        document.put("claims_supported", List.of("iss", "aud", "sub", "client_id", "jti", "iat", "exp", "scope",
                "org_id", "org_kind", "workspace_id", "ven_id"));
        return document;
    }

    /** Every key that may still verify a live token: the waiting, the signing and the retired ones. */
    @GET
    @Path("/jwks.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "JSON Web Key Set of the token signing keys (public)")
    public Uni<Response> jwks() {
        return signingKeys.keys().map(keys -> {
            List<Map<String, Object>> jwks = keys.published().stream().map(key -> {
                PublicJsonWebKey jwk = publicJwk(key);
                jwk.setKeyId(key.kid());
                jwk.setUse("sig");
                jwk.setAlgorithm(key.algorithm().name());
                return jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            }).toList();
            // Short caching: verifiers also refetch on an unknown kid, and a NEXT key is published well before it signs.
            return Response.ok(Map.of("keys", jwks)).header(HttpHeaders.CACHE_CONTROL, "public, max-age=60").build();
        });
    }

    /** EC P-256 keys for ES256, RSA keys for RS256. */
    private static PublicJsonWebKey publicJwk(SigningKeyService.PublishedKey key) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(key.publicKey());
        } catch (JoseException e) {
            throw new IllegalStateException("Signing key " + key.kid() + " cannot be published", e);
        }
    }
}
