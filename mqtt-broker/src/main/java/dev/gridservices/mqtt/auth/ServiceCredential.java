package dev.gridservices.mqtt.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Platform services connect as {@code service:<name>} with the platform service credential as password,
 * compared in constant time (the credential is long and random, so no slow hash is needed).
 */
public final class ServiceCredential {

    public static final String USERNAME_PREFIX = "service:";

    private final byte[] credential;

    public ServiceCredential(String credential) {
        this.credential = credential.getBytes(StandardCharsets.UTF_8);
    }

    public static boolean isServiceUsername(String username) {
        return username != null && username.startsWith(USERNAME_PREFIX);
    }

    /** The service principal for {@code username}/{@code password}, if the credential matches. */
    public Optional<Principal> authenticate(String username, byte[] password) {
        String name = username.substring(USERNAME_PREFIX.length());
        boolean matches = password != null && MessageDigest.isEqual(password, credential);
        return matches && TopicPolicy.isPlainLevel(name) ? Optional.of(Principal.service(name)) : Optional.empty();
    }
}
