package vn.motcua.oidc.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.util.UUID;
import vn.motcua.oidc.identity.PrivateFiles;

/**
 * The RS256 key tokens are signed with: generated once, then read from the data directory, so tokens issued
 * before a restart of the local stack still verify after it. Rotating it is deleting the file (every token issued
 * with the old key is then refused).
 */
public final class SigningKey {
    public static final String FILE_NAME = "signing-key.jwk.json";

    private SigningKey() {
    }

    public static RSAKey loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            try {
                RSAKey key = RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
                if (!key.isPrivate()) {
                    throw new IllegalStateException("signing key " + file + " has no private part");
                }
                return key;
            } catch (ParseException e) {
                throw new IllegalStateException("signing key " + file + " is not an RSA JWK: " + e.getMessage(), e);
            }
        }
        RSAKey key = generate();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        Files.writeString(temporary, key.toJSONString(), StandardCharsets.UTF_8);
        PrivateFiles.ownerOnly(temporary);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return key;
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }
}
