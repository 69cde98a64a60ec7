package vn.motcua.oidc.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Without an identities file: one client per role over the seed catalogue's offices, and two people for the
 * console. Secrets are generated on the first start and kept in the data directory (the launcher prints them),
 * so no well-known password ever opens a running stack.
 */
public final class DemoIdentities {
    public static final String FILE_NAME = "demo-identities.json";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DemoIdentities() {
    }

    /** The demo set kept in {@code dataDir}, created there on the first start. */
    public static Identities loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            return IdentitiesFile.read(file);
        }
        Identities demo = create();
        IdentitiesFile.write(file, demo);
        return demo;
    }

    static Identities create() {
        return new Identities(
                List.of(new Identity("admin", secret(), List.of("admin"), List.of("*")),
                        new Identity("clerk", secret(), List.of("clerk"), List.of("H29.21.01")),
                        new Identity("officer", secret(), List.of("officer"), List.of("H29.21")),
                        new Identity("analyst", secret(), List.of("analyst"), List.of("H29"))),
                List.of(new Identity("analyst", secret(), List.of("analyst"), List.of("H29")),
                        new Identity("officer", secret(), List.of("officer"), List.of("H29.21"))));
    }

    private static String secret() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
