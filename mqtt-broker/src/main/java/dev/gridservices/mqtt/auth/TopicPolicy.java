package dev.gridservices.mqtt.auth;

/**
 * Which topics a connection may publish to or subscribe with (Direct API §9): a VEN only under
 * {@code texture/v2/{its venID}/}, a platform service anywhere under {@code texture/v2/}; and which MQTT
 * client ids a VEN may use. Subscriptions are checked on the filter itself, so a wildcard that reaches
 * past the VEN's own level ({@code texture/v2/#}, {@code texture/v2/+/events/#}) is refused.
 */
public final class TopicPolicy {

    static final String ROOT = "texture";
    static final String VERSION = "v2";
    private static final String SHARE_PREFIX = "$share/";

    private TopicPolicy() {
    }

    /** Whether {@code principal} may publish to {@code topic} (a topic name: wildcards are never valid). */
    public static boolean mayPublish(Principal principal, String topic) {
        return topic != null && topic.indexOf('+') < 0 && topic.indexOf('#') < 0 && allows(principal, topic);
    }

    /**
     * Whether {@code principal} may subscribe with {@code filter}. Shared subscriptions
     * ({@code $share/{group}/{filter}}) are for platform services only (telemetry-ingest's replicas share
     * one); the filter inside is checked like any other.
     */
    public static boolean maySubscribe(Principal principal, String filter) {
        if (filter == null) {
            return false;
        }
        if (filter.startsWith(SHARE_PREFIX)) {
            int groupEnd = filter.indexOf('/', SHARE_PREFIX.length());
            if (!principal.isService() || groupEnd < 0) {
                return false;
            }
            String group = filter.substring(SHARE_PREFIX.length(), groupEnd);
            return isPlainLevel(group) && allows(principal, filter.substring(groupEnd + 1));
        }
        return allows(principal, filter);
    }

    /**
     * A VEN's client id is its venID, or its venID, a colon and a suffix of its choosing (a second
     * connection of the same VEN): so no principal can take over another VEN's session.
     */
    public static boolean mayUseClientId(Principal principal, String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            return false;
        }
        if (principal.isService()) {
            return true;
        }
        String venId = principal.venId();
        return clientId.equals(venId) || (clientId.startsWith(venId + ":") && clientId.length() > venId.length() + 1);
    }

    private static boolean allows(Principal principal, String topic) {
        String[] levels = topic.split("/", -1);
        // texture/v2/<something>: at least one level below the version, never the bare prefix
        if (levels.length < 3 || !ROOT.equals(levels[0]) || !VERSION.equals(levels[1])) {
            return false;
        }
        for (String level : levels) {
            // MQTT does not resolve these, but a bridge or a log reader might: never let them pass
            if (level.equals(".") || level.equals("..")) {
                return false;
            }
        }
        if (principal.isService()) {
            return true;
        }
        // the VEN's own level exactly, and something below it
        return levels.length >= 4 && levels[2].equals(principal.venId());
    }

    /** A topic level with no wildcard, separator or path trick. */
    static boolean isPlainLevel(String value) {
        return value != null && !value.isEmpty() && !value.equals(".") && !value.equals("..")
                && value.chars().noneMatch(c -> c == '/' || c == '+' || c == '#' || c == 0);
    }

    /** What a VEN id must be: a plain level without ':' (the client-id rule's separator). */
    public static boolean isVenId(String value) {
        return isPlainLevel(value) && value.indexOf(':') < 0 && !value.startsWith("$");
    }
}
