package vn.motcua.intake.personaldata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the master key comes from. No built-in key, ever: a key shipped in application.yml would be the same on
 * every installation. Either the key itself ({@code master-key}, from a secret store through the environment) or
 * a file ({@code master-key-file}), which is created with a fresh random key when it does not exist yet; with
 * neither, the service does not start.
 */
final class MasterKey {
    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    private static final int BYTES = 32;

    private MasterKey() {
    }

    static byte[] load(String base64, Path file) {
        boolean hasKey = base64 != null && !base64.isBlank();
        if (hasKey && file != null) {
            throw new IllegalStateException("set motcua.personal-data.master-key OR motcua.personal-data.master-key-file,"
                    + " not both");
        }
        if (hasKey) {
            return decode(base64, "motcua.personal-data.master-key");
        }
        if (file != null) {
            return fromFile(file);
        }
        throw new IllegalStateException("no personal-data master key: set motcua.personal-data.master-key"
                + " (env MOTCUA_PERSONAL_DATA_MASTER_KEY, base64 of 32 random bytes, e.g. `openssl rand -base64 32`)"
                + " or motcua.personal-data.master-key-file (created with a random key if missing)");
    }

    private static byte[] fromFile(Path file) {
        try {
            if (Files.notExists(file)) {
                create(file);
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII), "the master key file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the personal-data master key file " + file, e);
        }
    }

    /**
     * A fresh random key, readable by the owner only. Written to a temporary file, then linked into place: a racing
     * second instance either sees no file or a complete one, and the first link wins.
     */
    private static void create(Path file) throws IOException {
        byte[] key = new byte[BYTES];
        new SecureRandom().nextBytes(key);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, ".master-key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            tmp = Files.createTempFile(dir, ".master-key", ".tmp"); // not a POSIX file system
        }
        try {
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            Files.createLink(file, tmp);
            log.warn("created a new personal-data master key in {}: losing this file makes every applicant's data"
                    + " unreadable; back it up apart from the database", file.toAbsolutePath());
        } catch (FileAlreadyExistsException e) {
            // another instance created it first: use theirs
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static byte[] decode(String base64, String where) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " is not base64");
        }
        if (key.length != BYTES) {
            throw new IllegalStateException(where + " must hold 32 bytes (AES-256), not " + key.length);
        }
        return key;
    }
}
