package vn.motcua.oidc;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import vn.motcua.oidc.identity.DemoIdentities;
import vn.motcua.oidc.identity.Identities;
import vn.motcua.oidc.identity.IdentitiesFile;
import vn.motcua.oidc.identity.Identity;
import vn.motcua.oidc.keys.SigningKey;

/** Spring Authorization Server wired to the identities file, the persisted key and the configured issuer. */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationServerConfig.class);

    /** The protocol endpoints; a browser that is not signed in is sent to the login form. */
    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer, server -> server
                        .oidc(Customizer.withDefaults())
                        .authorizationEndpoint(endpoint -> endpoint.authenticationProviders(providers -> providers
                                .stream()
                                .filter(OAuth2AuthorizationCodeRequestAuthenticationProvider.class::isInstance)
                                .map(OAuth2AuthorizationCodeRequestAuthenticationProvider.class::cast)
                                .forEach(provider -> provider.setAuthenticationValidator(new ConsoleRedirectUris()
                                        .andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator
                                                .DEFAULT_SCOPE_VALIDATOR))))))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                // The OIDC userinfo endpoint takes the access token.
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()));
        return http.build();
    }

    /** Everything else: the login form for people, and the health endpoint for the launcher. */
    @Bean
    @Order(2)
    SecurityFilterChain loginChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/health", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    Identities identities(OidcProperties properties) throws IOException {
        if (properties.identities() != null) {
            Identities identities = IdentitiesFile.read(properties.identities());
            LOG.info("identities from {}: {} clients, {} users", properties.identities(),
                    identities.clients().size(), identities.users().size());
            return identities;
        }
        Identities demo = DemoIdentities.loadOrCreate(properties.dataDir());
        LOG.info("no identities file: the demo set in {} ({} clients, {} users)",
                properties.dataDir().resolve(DemoIdentities.FILE_NAME), demo.clients().size(), demo.users().size());
        return demo;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    RegisteredClientRepository registeredClients(Identities identities, OidcProperties properties,
                                                 PasswordEncoder encoder) {
        TokenSettings tokens = TokenSettings.builder().accessTokenTimeToLive(properties.tokenTtl()).build();
        List<RegisteredClient> clients = new ArrayList<>();
        for (Identity client : identities.clients()) {
            clients.add(RegisteredClient.withId(client.name())
                    .clientId(client.name())
                    .clientSecret(encoder.encode(client.secret()))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .tokenSettings(tokens)
                    .build());
        }
        // People sign in to the console: a public client, so PKCE stands in for the secret it cannot keep.
        clients.add(RegisteredClient.withId(OidcProperties.CONSOLE_CLIENT)
                .clientId(OidcProperties.CONSOLE_CLIENT)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(properties.consoleRedirectUris()))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(tokens)
                .build());
        return new InMemoryRegisteredClientRepository(clients);
    }

    @Bean
    UserDetailsService users(Identities identities, PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        for (Identity user : identities.users()) {
            users.add(User.withUsername(user.name())
                    .password(encoder.encode(user.secret()))
                    .authorities(user.roles().stream().map(role -> "ROLE_" + role).toArray(String[]::new))
                    .build());
        }
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(OidcProperties properties) throws IOException {
        RSAKey key = SigningKey.loadOrCreate(properties.dataDir());
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(OidcProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }
}
