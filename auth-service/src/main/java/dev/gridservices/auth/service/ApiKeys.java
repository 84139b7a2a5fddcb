package dev.gridservices.auth.service;

import dev.gridservices.auth.repository.ApiKey;
import dev.gridservices.security.OrganizationKind;
import java.util.List;
import java.util.Map;

/** The shape of each kind of API key: its visible prefix and the scopes introspection reports for it. */
public final class ApiKeys {

    private static final Map<ApiKey.Type, String> PREFIX = Map.of(
            ApiKey.Type.SERVER, "sk_",
            ApiKey.Type.SCOPED, "scoped_",
            ApiKey.Type.MANUFACTURER, "mk_");

    /**
     * A SERVER key holds its organization kind's side of OpenADR: a utility's the BL scopes of the auth
     * contract, an OEM's the VEN scopes. SCOPED and MANUFACTURER keys carry no OAuth scope: what they may do
     * follows from their type (and referenceId), which consumers check.
     */
    public static final List<String> UTILITY_SERVER_SCOPES = List.of("read_all", "write_programs", "write_events");
    public static final List<String> OEM_SERVER_SCOPES = List.of("read_programs", "read_events", "read_ven_objects",
            "write_vens", "write_reports", "write_subscriptions");

    private static final int DISPLAY_RANDOM_CHARS = 4;

    private ApiKeys() {
    }

    public static String newKey(ApiKey.Type type) {
        return Secrets.random(PREFIX.get(type), 32);
    }

    public static List<String> scopes(ApiKey.Type type, OrganizationKind kind) {
        if (type != ApiKey.Type.SERVER) {
            return List.of();
        }
        return kind == OrganizationKind.OEM ? OEM_SERVER_SCOPES : UTILITY_SERVER_SCOPES;
    }

    /** Enough of a key to recognise it in a list or a log line, far too little to use it. */
    public static String displayPrefix(String key) {
        int end = key.length();
        for (String prefix : PREFIX.values()) {
            if (key.startsWith(prefix)) {
                end = Math.min(key.length(), prefix.length() + DISPLAY_RANDOM_CHARS);
                return key.substring(0, end);
            }
        }
        return key.substring(0, Math.min(end, DISPLAY_RANDOM_CHARS));
    }
}
