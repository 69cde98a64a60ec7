package vn.motcua.oidc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The local OpenID Provider of {@code ./run-local}: client credentials for integrators, authorization code with
 * PKCE for people at the console, JWKS and discovery, all from Spring Authorization Server. It keeps no state but
 * its signing key (so tokens survive a restart of the stack); clients and users come from the identities file.
 */
@SpringBootApplication
@EnableConfigurationProperties(OidcProperties.class)
public class OidcApplication {

    public static void main(String[] args) {
        SpringApplication.run(OidcApplication.class, args);
    }
}
