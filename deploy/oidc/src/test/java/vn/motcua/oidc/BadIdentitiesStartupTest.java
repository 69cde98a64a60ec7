package vn.motcua.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import vn.motcua.oidc.identity.InvalidIdentitiesException;

/** The provider refuses to start on a broken identities file and says which entry is wrong. */
class BadIdentitiesStartupTest {

    @TempDir
    Path dir;

    @Test
    void aBadIdentitiesFileStopsTheProviderWithAClearMessage() throws Exception {
        Path file = dir.resolve("identities.json");
        Files.writeString(file, """
                {"clients": [{"clientId": "clerk", "clientSecret": "x", "roles": ["clerck"], "offices": ["H29"]}]}
                """);

        Throwable failure = catchThrowable(() -> SpringApplication.run(OidcApplication.class,
                RunningProvider.arguments(RunningProvider.freePort(), dir.resolve("data"), file)));

        Throwable cause = failure;
        while (cause != null && !(cause instanceof InvalidIdentitiesException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("root cause of %s", failure).isNotNull();
        assertThat(cause.getMessage()).contains(file.toString(), "clients[0] (clerk)", "unknown role \"clerck\"");
    }
}
