package vn.motcua.oidc.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files holding secrets are readable by their owner only, where the file system knows owners. */
public final class PrivateFiles {
    private PrivateFiles() {
    }

    public static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // e.g. Windows: the data directory's own permissions apply
        }
    }
}
