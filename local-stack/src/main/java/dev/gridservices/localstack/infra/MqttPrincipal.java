package dev.gridservices.localstack.infra;

/**
 * Who an MQTT connection authenticated as: a platform service (service credential) or one VEN (an
 * access token carrying {@code ven_id}).
 */
public record MqttPrincipal(String venId) {

    private static final MqttPrincipal PLATFORM_SERVICE = new MqttPrincipal(null);

    public static MqttPrincipal platformService() {
        return PLATFORM_SERVICE;
    }

    public static MqttPrincipal ven(String venId) {
        if (!MqttTopicPolicy.isPlainLevel(venId)) {
            throw new IllegalArgumentException("A VEN id must be one plain MQTT topic level");
        }
        return new MqttPrincipal(venId);
    }

    public boolean isPlatformService() {
        return venId == null;
    }
}
