package vn.motcua.intake.infra;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;
import org.axonframework.common.IdentifierFactory;

/**
 * Random (version 4) UUIDs from a strong generator per thread. {@link UUID#randomUUID()} shares ONE
 * {@code NativePRNG} whose lock every request thread queued on (a dossier id and an event id per receipt); a
 * per-thread DRBG is as unguessable (dossier ids are in URLs) and never contended. Registered for Axon's event
 * identifiers through {@code META-INF/services/org.axonframework.common.IdentifierFactory}.
 */
public final class RandomIds extends IdentifierFactory {
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(RandomIds::drbg);

    public static UUID uuid() {
        byte[] b = new byte[16];
        RANDOM.get().nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40); // version 4
        b[8] = (byte) ((b[8] & 0x3f) | 0x80); // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (b[i] & 0xff);
            lsb = (lsb << 8) | (b[i + 8] & 0xff);
        }
        return new UUID(msb, lsb);
    }

    @Override
    public String generateIdentifier() {
        return uuid().toString();
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
