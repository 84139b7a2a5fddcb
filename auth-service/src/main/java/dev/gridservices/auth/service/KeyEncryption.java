package dev.gridservices.auth.service;

import dev.gridservices.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts private signing keys at rest with AES-256-GCM under a key-encryption key from configuration
 * (a Kubernetes secret in production), so a database dump alone cannot mint tokens. The kid is bound
 * as associated data: a ciphertext moved to another row does not decrypt.
 */
@ApplicationScoped
public class KeyEncryption {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey kek;

    public KeyEncryption(AuthConfig config) {
        byte[] raw = Base64.getDecoder().decode(config.signingKeys().encryptionKey().trim());
        if (raw.length != 32) {
            throw new IllegalStateException("auth.signing-keys.encryption-key must be base64 of 32 bytes");
        }
        this.kek = new SecretKeySpec(raw, "AES");
    }

    public byte[] encrypt(String kid, byte[] plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt signing key " + kid, e);
        }
    }

    public byte[] decrypt(String kid, byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not decrypt signing key " + kid
                    + " (wrong auth.signing-keys.encryption-key?)", e);
        }
    }
}
