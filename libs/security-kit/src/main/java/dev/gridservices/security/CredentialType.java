package dev.gridservices.security;

/** How the caller proved who it is: an OAuth access token, or one of the kinds of API key. */
public enum CredentialType {
    BEARER_TOKEN,
    SERVER_KEY,
    SCOPED_KEY,
    MANUFACTURER_KEY,
    /** The platform operator's key: creates organizations and SERVER keys, publishes public programs; no tenant. */
    PLATFORM_ADMIN_KEY;

    /** The credential type of an API key of the given kind, as auth-service's introspection names it. */
    static CredentialType ofKeyKind(String kind) {
        if (kind == null) {
            throw new IllegalArgumentException("API key kind missing");
        }
        return switch (kind) {
            case "SERVER" -> SERVER_KEY;
            case "SCOPED" -> SCOPED_KEY;
            case "MANUFACTURER" -> MANUFACTURER_KEY;
            case "PLATFORM_ADMIN" -> PLATFORM_ADMIN_KEY;
            default -> throw new IllegalArgumentException("Unknown API key kind " + kind);
        };
    }
}
