package dev.gridservices.localstack.infra;

import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Which topics an authenticated MQTT connection may publish to or subscribe with (Direct API §9):
 * a VEN only under {@code texture/v2/{its venID}/}, a platform service anywhere under
 * {@code texture/v2/}. Subscriptions are checked on the filter itself, so a wildcard that reaches past
 * the VEN's own level ({@code texture/v2/#}, {@code texture/v2/+/events/#}) is refused.
 */
public final class MqttTopicPolicy implements IAuthorizatorPolicy {

    static final String ROOT = "texture";
    static final String VERSION = "v2";

    private final BiFunction<String, String, Optional<MqttPrincipal>> principals;

    /** @param principals (clientId, username) → the principal that connection authenticated as */
    public MqttTopicPolicy(BiFunction<String, String, Optional<MqttPrincipal>> principals) {
        this.principals = principals;
    }

    @Override
    public boolean canWrite(Topic topic, String user, String client) {
        return allowed(topic, user, client);
    }

    @Override
    public boolean canRead(Topic topic, String user, String client) {
        return allowed(topic, user, client);
    }

    private boolean allowed(Topic topic, String user, String client) {
        if (user == null || client == null) {
            return false;
        }
        return principals.apply(client, user).map(principal -> allows(principal, topic.toString())).orElse(false);
    }

    /** Whether {@code principal} may publish to or subscribe with the topic (filter) {@code topic}. */
    public static boolean allows(MqttPrincipal principal, String topic) {
        if (topic == null) {
            return false;
        }
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
        if (principal.isPlatformService()) {
            return true;
        }
        // the VEN's own level exactly, and something below it
        return levels.length >= 4 && levels[2].equals(principal.venId());
    }

    /** A topic level with no wildcard, separator or path trick: what a VEN id must be. */
    static boolean isPlainLevel(String value) {
        return value != null && !value.isEmpty() && !value.equals(".") && !value.equals("..")
                && value.chars().noneMatch(c -> c == '/' || c == '+' || c == '#' || c == 0);
    }
}
