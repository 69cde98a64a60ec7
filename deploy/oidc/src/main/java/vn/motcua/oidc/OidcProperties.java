package vn.motcua.oidc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code motcua.oidc.*}: the issuer URL put in every token (exactly this string; the services compare it), where
 * the signing key is kept, the operator's identities file (none: a demo set), and where the console may be sent
 * back after sign-in ({@code /**} at the end of an entry allows any path below it).
 */
@ConfigurationProperties("motcua.oidc")
public record OidcProperties(
        @DefaultValue("http://localhost:8090") String issuer,
        @DefaultValue(".motcua-oidc") Path dataDir,
        Path identities,
        @DefaultValue({"http://localhost:8083/**", "http://127.0.0.1:8083/**"}) List<String> consoleRedirectUris,
        @DefaultValue("15m") Duration tokenTtl) {

    /** The public client of the console: no secret, PKCE required. */
    public static final String CONSOLE_CLIENT = "motcua-console";
    /** Every access token names this audience; the services refuse tokens without it. */
    public static final String AUDIENCE = "motcua";
}
