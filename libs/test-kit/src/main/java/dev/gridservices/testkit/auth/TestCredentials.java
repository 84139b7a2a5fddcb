package dev.gridservices.testkit.auth;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Credentials a service's tests send, issued by this JVM's {@link TestAuthServer} (which the service
 * trusts through {@code InfrastructureResource}'s config). Tokens are raw compact JWTs, sent as
 * {@code Authorization: Bearer <token>} (rest-assured: {@code .auth().oauth2(token)}); API keys go in the
 * {@code Texture-Api-Key} header.
 */
public final class TestCredentials {

    /** What a utility's SERVER key is granted: the utility side of OpenADR 3.1 (plus all core /v1 access, by its type). */
    public static final List<String> SERVER_KEY_SCOPES = List.of("read_all", "write_programs", "write_events");

    /** What an OEM's SERVER key is granted: the VEN side (as auth-service's introspection answers). */
    public static final List<String> OEM_SERVER_KEY_SCOPES = List.of("read_programs", "read_events", "read_ven_objects",
            "write_vens", "write_reports", "write_subscriptions");

    private TestCredentials() {
    }

    public static final String UTILITY = "utility";
    public static final String OEM = "oem";

    /** An access token of client "test-client" acting for the utility {@code organizationId}, holding {@code scopes}. */
    public static String bearer(String organizationId, String... scopes) {
        return TestToken.forOrganization(organizationId).scopes(scopes).mint();
    }

    /** Like {@link #bearer}, for an OEM organization's client that is bound to no VEN. */
    public static String oemBearer(String organizationId, String... scopes) {
        return TestToken.forOrganization(organizationId).kind(OEM).scopes(scopes).mint();
    }

    /** An OEM organization's client bound to the VEN {@code venId} (claim {@code ven_id}). */
    public static String bearerForVen(String organizationId, String venId, String... scopes) {
        return TestToken.forOrganization(organizationId).kind(OEM).ven(venId).scopes(scopes).mint();
    }

    /** A SERVER API key of a utility organization: full access to the organization's workspace. */
    public static String serverApiKey(String organizationId) {
        return serverApiKey(organizationId, UTILITY);
    }

    /** A SERVER API key of an organization of the given kind ({@link #UTILITY} or {@link #OEM}). */
    public static String serverApiKey(String organizationId, String organizationKind) {
        return apiKey("SERVER", organizationId, null, null, organizationKind);
    }

    /** A SERVER API key bound to one workspace of the organization. */
    public static String workspaceServerApiKey(String organizationId, String workspaceId, String organizationKind) {
        return apiKey("SERVER", organizationId, workspaceId, null, organizationKind);
    }

    /** A {@code scoped_} API key of a utility organization, restricted to the end user {@code referenceId}. */
    public static String scopedApiKey(String organizationId, String referenceId) {
        return apiKey("SCOPED", organizationId, null, referenceId, UTILITY);
    }

    /** A MANUFACTURER API key of an OEM organization: device provisioning and telemetry push. */
    public static String manufacturerApiKey(String organizationId) {
        return apiKey("MANUFACTURER", organizationId, null, null, OEM);
    }

    /** The platform operator's key: no tenant; creates organizations, publishes public programs. */
    public static String platformAdminKey() {
        return apiKey("PLATFORM_ADMIN", null, null, null, null);
    }

    /** Revokes an API key; services stop accepting it once their cached answer (at most 5 s) expires. */
    public static void revoke(String key) {
        TestAuthClient.post("/test/api-keys/revoke", new JsonObject().put("key", key));
    }

    /** How many introspection calls the test auth server has answered so far, to observe caching. */
    public static int introspectionCount() {
        return TestAuthClient.get("/test/introspections").getInteger("count");
    }

    static List<String> scopesOf(String keyType, String organizationKind) {
        if (!"SERVER".equals(keyType)) {
            return List.of();
        }
        return OEM.equals(organizationKind) ? OEM_SERVER_KEY_SCOPES : SERVER_KEY_SCOPES;
    }

    private static String apiKey(String type, String organizationId, String workspaceId, String referenceId,
                                 String organizationKind) {
        return TestAuthClient.post("/test/api-keys", new JsonObject()
                .put("type", type)
                .put("organizationId", organizationId)
                .put("workspaceId", workspaceId)
                .put("referenceId", referenceId)
                .put("organizationKind", organizationKind)).getString("key");
    }
}
