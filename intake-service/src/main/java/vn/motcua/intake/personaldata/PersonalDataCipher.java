package vn.motcua.intake.personaldata;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of one dossier's personal data (crypto-shredding): the data is sealed with a fresh random
 * AES-256 key of its own (the data key), and that key is stored only wrapped by the master key (KEK). Destroying
 * the wrapped key makes every copy of the ciphertext unreadable: the intake record, the event store's payload and
 * every backup of either. The data key is random, never derived, so nobody holding the master key can rebuild it.
 *
 * <p>AES-256-GCM throughout (JDK only), a random 96-bit nonce per encryption, the dossier id as associated data
 * (a ciphertext or wrapped key copied to another dossier does not open). Sealed form: {@code [1][nonce 12][ct+tag]};
 * the leading byte is the format's version, so the scheme can change without guessing.
 */
public final class PersonalDataCipher {
    private static final byte VERSION = 1;
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Keeps a wrapped data key from ever opening as data, and the reverse. */
    private static final String KEY_AAD_PREFIX = "motcua/applicant-key/";
    private static final String DATA_AAD_PREFIX = "motcua/applicant/";

    // One instance per thread: Cipher is not thread-safe, and getInstance per call costs more than the encryption.
    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    });

    private final SecretKeySpec masterKey;
    private final SecureRandom random;
    private final String masterKeyId;

    /** A dossier's personal data as stored: the wrapped data key and the ciphertext. */
    public record Sealed(byte[] wrappedKey, byte[] ciphertext) {
    }

    /** Wrong key, wrong dossier, or bytes changed: GCM's tag does not verify. Carries no data. */
    public static final class UnreadableException extends RuntimeException {
        UnreadableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public PersonalDataCipher(byte[] masterKey) {
        if (masterKey == null || masterKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("the personal-data master key must be 32 bytes (AES-256)");
        }
        this.masterKey = new SecretKeySpec(masterKey.clone(), "AES");
        this.random = new SecureRandom();
        this.masterKeyId = fingerprint(masterKey);
    }

    /** Generates a data key for the dossier, seals the plaintext with it, and wraps it with the master key. */
    public Sealed seal(String dossierId, byte[] plaintext) {
        byte[] dataKey = new byte[KEY_BYTES];
        random.nextBytes(dataKey);
        try {
            byte[] ciphertext = encrypt(new SecretKeySpec(dataKey, "AES"), aad(DATA_AAD_PREFIX, dossierId), plaintext);
            byte[] wrapped = encrypt(masterKey, aad(KEY_AAD_PREFIX, dossierId), dataKey);
            return new Sealed(wrapped, ciphertext);
        } finally {
            java.util.Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** The plaintext; {@link UnreadableException} if the key, the dossier id or a byte is not what was sealed. */
    public byte[] open(String dossierId, byte[] wrappedKey, byte[] ciphertext) {
        byte[] dataKey = decrypt(masterKey, aad(KEY_AAD_PREFIX, dossierId), wrappedKey, "data key");
        try {
            return decrypt(new SecretKeySpec(dataKey, "AES"), aad(DATA_AAD_PREFIX, dossierId), ciphertext,
                    "personal data");
        } finally {
            java.util.Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * Seals new plaintext under the dossier's EXISTING data key (a corrected applicant): erasing that one key still
     * shreds every version.
     */
    public byte[] reseal(String dossierId, byte[] wrappedKey, byte[] plaintext) {
        byte[] dataKey = decrypt(masterKey, aad(KEY_AAD_PREFIX, dossierId), wrappedKey, "data key");
        try {
            return encrypt(new SecretKeySpec(dataKey, "AES"), aad(DATA_AAD_PREFIX, dossierId), plaintext);
        } finally {
            java.util.Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** A key for another purpose (the blind index), derived from the master key by HMAC of a label. */
    public byte[] deriveKey(String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(masterKey);
            return mac.doFinal(("motcua derived key: " + label).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A short public name of the master key (an HMAC of a fixed label under it; reveals nothing of the key), kept in
     * the database so a service started with another master key refuses to run instead of failing on every read.
     */
    public String masterKeyId() {
        return masterKeyId;
    }

    private byte[] encrypt(SecretKeySpec key, byte[] aad, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher gcm = GCM.get();
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(aad);
            ByteBuffer out = ByteBuffer.allocate(1 + NONCE_BYTES + gcm.getOutputSize(plaintext.length));
            out.put(VERSION).put(nonce);
            gcm.doFinal(ByteBuffer.wrap(plaintext), out);
            return out.array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    private static byte[] decrypt(SecretKeySpec key, byte[] aad, byte[] sealed, String what) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new UnreadableException("not a sealed " + what, null);
        }
        try {
            Cipher gcm = GCM.get();
            gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            gcm.updateAAD(aad);
            return gcm.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new UnreadableException("the " + what + " does not open (wrong key, dossier or bytes)", e);
        }
    }

    private static byte[] aad(String prefix, String dossierId) {
        return (prefix + dossierId).getBytes(StandardCharsets.UTF_8);
    }

    private static String fingerprint(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] tag = mac.doFinal("motcua personal-data master key id".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(tag, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
