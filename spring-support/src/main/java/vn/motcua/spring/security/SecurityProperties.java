package vn.motcua.spring.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where tokens come from ({@code motcua.security.*}; the same names in reporting-service). The JWKS is fetched
 * when the first token arrives, never at start-up, so a service starts while the provider is down.
 *
 * @param issuer     the {@code iss} every token must carry
 * @param jwkSetUri  where the issuer's public keys are
 * @param audience   what {@code aud} must contain
 * @param clockSkew  how far {@code exp}/{@code nbf} may be off between the provider's clock and ours
 */
@ConfigurationProperties("motcua.security")
public record SecurityProperties(String issuer, String jwkSetUri, String audience, Duration clockSkew) {
    public SecurityProperties {
        if (issuer == null || issuer.isBlank() || jwkSetUri == null || jwkSetUri.isBlank()) {
            throw new IllegalStateException("motcua.security.issuer and motcua.security.jwk-set-uri must be set:"
                    + " there is no way to run a motcua service without access control");
        }
        audience = audience == null || audience.isBlank() ? "motcua" : audience;
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
    }
}
