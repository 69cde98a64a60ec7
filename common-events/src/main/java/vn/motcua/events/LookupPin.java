package vn.motcua.events;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The citizen's lookup PIN, printed on the receipt slip and shown once: 8 characters from an alphabet without
 * look-alikes (31 symbols: about 2^39.6). Only a verifier travels (on {@code DossierReceived}) and is stored:
 * PBKDF2-HMAC-SHA256 with a random salt, so the PIN is nowhere in clear. The iteration count is deliberately low:
 * the public lookup reveals only what the topics already carry (status and dates, no personal data), so a topic
 * reader gains nothing by guessing a PIN offline, and guessing online is rate-limited; a slow hash would only
 * cost every receipt milliseconds of CPU (20,000 iterations measured ~9 ms, more than the rest of a receipt).
 */
public final class LookupPin {
    public static final int LENGTH = 8;
    private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int ITERATIONS = 100;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private LookupPin() {
    }

    /** A fresh PIN. */
    public static String generate() {
        char[] pin = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            pin[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(pin);
    }

    /** {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (base64url). */
    public static String verifier(String pin) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return SCHEME + "$" + ITERATIONS + "$" + b64(salt) + "$" + b64(hash(normalize(pin), salt, ITERATIONS));
    }

    /** True when the PIN matches the verifier; false for any malformed input, never an exception. */
    public static boolean matches(String pin, String verifier) {
        if (pin == null || verifier == null) {
            return false;
        }
        String[] parts = verifier.split("\\$");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            if (iterations < 1 || iterations > 1_000_000) {
                return false;
            }
            byte[] salt = Base64.getUrlDecoder().decode(parts[2]);
            byte[] expected = Base64.getUrlDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, hash(normalize(pin), salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Citizens type PINs in lower case and with spaces; the alphabet has no look-alikes to confuse. */
    private static String normalize(String pin) {
        return pin.strip().replace(" ", "").replace("-", "").toUpperCase(java.util.Locale.ROOT);
    }

    private static byte[] hash(String pin, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, iterations, HASH_BITS);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
