package dev.gridservices.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The local stack's own secrets, made once per data folder and kept there (owner-only file) so that
 * signing keys encrypted with them stay readable after a restart: auth-service's signing-key
 * encryption key, the platform-admin API key (auth-service gets only its SHA-256) and the platform
 * service credential: the MQTT password of platform services ({@code service:<name>}) and what the
 * broker presents to auth-service as {@code Texture-Service-Credential} (kept under its first name,
 * {@code mqtt-service-password}, so older data folders keep working).
 */
public record LocalSecrets(String signingKeysEncryptionKey, String adminApiKey, String platformServiceCredential) {

    static final String FILE = "secrets.properties";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static LocalSecrets loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            Properties properties = new Properties();
            boolean exists = Files.exists(file);
            if (exists) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
            }
            // a data folder from an older launcher lacks the newer secrets: add them, keep the rest
            int known = properties.size();
            properties.putIfAbsent("auth.signing-keys.encryption-key", Base64.getEncoder().encodeToString(randomBytes(32)));
            properties.putIfAbsent("admin-api-key", "admin_" + randomToken());
            properties.putIfAbsent("mqtt-service-password", randomToken());
            if (!exists) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            if (!exists || properties.size() != known) {
                try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    properties.store(writer, "Local stack secrets (development only; delete the data folder to renew)");
                }
            }
            return new LocalSecrets(properties.getProperty("auth.signing-keys.encryption-key"),
                    properties.getProperty("admin-api-key"), properties.getProperty("mqtt-service-password"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write " + file, e);
        }
    }

    /** Hex SHA-256 of the admin key: what auth-service compares a presented key against. */
    public String adminApiKeySha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(adminApiKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomToken() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
