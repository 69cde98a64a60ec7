package vn.motcua.oidc.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentitiesFileTest {

    @TempDir
    Path dir;

    @Test
    void readsTheContractShape() throws Exception {
        Identities identities = IdentitiesFile.read(write("""
                {"clients": [{"clientId": "desk", "clientSecret": "s", "roles": ["clerk"], "offices": ["H29.21.01"]}],
                 "users": [{"username": "lan", "password": "p", "roles": ["analyst", "officer"], "offices": ["*"]}]}
                """));
        assertThat(identities.client("desk")).contains(
                new Identity("desk", "s", java.util.List.of("clerk"), java.util.List.of("H29.21.01")));
        assertThat(identities.user("lan").orElseThrow().roles()).containsExactly("analyst", "officer");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "not json at all| is not JSON",
            "[]| must be a JSON object",
            "{}| names no clients and no users",
            "{\"client\": []}| unknown field \"client\"",
            "{\"clients\": {}}| \"clients\" must be an array",
            "{\"clients\": [{\"clientSecret\": \"s\", \"roles\": [], \"offices\": []}]}| clients[0]: \"clientId\" is missing",
            "{\"clients\": [{\"clientId\": \"a\", \"roles\": [], \"offices\": []}]}| clients[0] (a): \"clientSecret\" is missing",
            "{\"clients\": [{\"clientId\": \"a\", \"clientSecret\": \"s\", \"offices\": []}]}| \"roles\" must be an array",
            "{\"clients\": [{\"clientId\": \"a\", \"clientSecret\": \"s\", \"roles\": [\"boss\"], \"offices\": []}]}| unknown role \"boss\"",
            "{\"clients\": [{\"clientId\": \"a\", \"clientSecret\": \"s\", \"roles\": [], \"offices\": [\"H 29\"]}]}| \"H 29\" is not an office id",
            "{\"clients\": [{\"clientId\": \"a\", \"clientSecret\": \"s\", \"roles\": [], \"offices\": [], \"x\": 1}]}| unknown field \"x\"",
            "{\"users\": [{\"username\": \"u\", \"password\": \"p\", \"roles\": [], \"offices\": []}, {\"username\": \"u\", \"password\": \"q\", \"roles\": [], \"offices\": []}]}| users[1] (u): username appears twice",
            "{\"clients\": [{\"clientId\": \"motcua-console\", \"clientSecret\": \"s\", \"roles\": [], \"offices\": []}]}| is reserved",
    })
    void refusesAMistakeNamingTheEntry(String json, String message) throws Exception {
        Path file = write(json);
        assertThatThrownBy(() -> IdentitiesFile.read(file)).isInstanceOf(InvalidIdentitiesException.class)
                .hasMessageStartingWith("identities file " + file + ":").hasMessageContaining(message.strip());
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> IdentitiesFile.read(missing)).isInstanceOf(InvalidIdentitiesException.class)
                .hasMessageContaining("cannot be read");
    }

    @Test
    void theDemoSetIsWrittenOnceAndReadBack() throws Exception {
        Identities first = DemoIdentities.loadOrCreate(dir);
        Identities again = DemoIdentities.loadOrCreate(dir);
        assertThat(again).isEqualTo(first);
        assertThat(first.client("admin").orElseThrow().offices()).containsExactly("*");
        assertThat(Files.getPosixFilePermissions(dir.resolve(DemoIdentities.FILE_NAME)).toString())
                .isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    private Path write(String json) throws Exception {
        Path file = Files.createTempFile(dir, "identities", ".json");
        Files.writeString(file, json);
        return file;
    }
}
