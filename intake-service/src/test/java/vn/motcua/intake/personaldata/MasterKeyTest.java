package vn.motcua.intake.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTest {
    @TempDir
    Path dir;

    @Test
    void withoutAKeyTheServiceDoesNotStart() {
        assertThatThrownBy(() -> MasterKey.load(null, null)).hasMessageContaining("motcua.personal-data.master-key");
        assertThatThrownBy(() -> MasterKey.load(" ", null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aConfiguredKeyMustBe32BytesOfBase64() {
        byte[] key = PersonalDataCipherTest.randomKey();
        assertThat(MasterKey.load(Base64.getEncoder().encodeToString(key), null)).isEqualTo(key);
        assertThatThrownBy(() -> MasterKey.load(Base64.getEncoder().encodeToString(new byte[16]), null))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> MasterKey.load("not base64!", null)).hasMessageContaining("base64");
        assertThatThrownBy(() -> MasterKey.load(Base64.getEncoder().encodeToString(key), dir.resolve("k")))
                .hasMessageContaining("not both");
    }

    @Test
    void aMissingKeyFileIsCreatedOwnerOnlyWithARandomKeyAndThenReused() throws Exception {
        Path file = dir.resolve("data/intake/master.key");
        byte[] first = MasterKey.load(null, file);
        assertThat(first).hasSize(32);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(MasterKey.load(null, file)).isEqualTo(first);
        assertThat(MasterKey.load(null, dir.resolve("other.key"))).isNotEqualTo(first);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);   // no temporary file left behind
        }
    }

    @Test
    void aDamagedKeyFileIsRefused() throws Exception {
        Path file = dir.resolve("master.key");
        Files.writeString(file, Base64.getEncoder().encodeToString(new byte[31]));
        assertThatThrownBy(() -> MasterKey.load(null, file)).hasMessageContaining("32 bytes");
    }
}
