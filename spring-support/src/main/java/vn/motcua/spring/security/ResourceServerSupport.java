package vn.motcua.spring.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import vn.motcua.spring.edge.EdgeSupport;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import vn.motcua.spring.web.OutageFilter;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import vn.motcua.access.Caller;

/**
 * The OAuth 2.0 resource server every Spring service runs (import it with {@code @Import}): tokens signed RS256 or
 * ES256 by a key of the configured JWKS, {@code iss} equal to the configured issuer, {@code aud} containing
 * {@code motcua}, {@code exp}/{@code nbf} in force within the stated clock skew; the contract's 401/403 answers;
 * stateless, no sessions, no CSRF (no cookies are ever honoured). A service adds its endpoint table with
 * {@link #filterChain}; whatever the table does not name is denied, so a new endpoint is closed until given a rule.
 */
@Configuration(proxyBeanMethods = false)
@Import(EdgeSupport.class) // the shared edge: bounded, clean input; container errors as problem+json
@EnableConfigurationProperties(SecurityProperties.class)
public class ResourceServerSupport {
    /** Larger than any access token a real provider issues; a larger header is refused before it is parsed. */
    static final int MAX_TOKEN_CHARS = 8192;

    /** Needs no token: probes, the OpenAPI documents, the error dispatch. */
    public static final String[] PUBLIC_PATHS = {"/health", "/health/**", "/openapi.json", "/openapi.json/**",
            "/v3/api-docs/**", "/error"};

    @Bean
    JwtDecoder jwtDecoder(SecurityProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                .jwsAlgorithms(algorithms -> {
                    algorithms.add(SignatureAlgorithm.RS256);
                    algorithms.add(SignatureAlgorithm.ES256);
                })
                .build();
        decoder.setJwtValidator(validator(properties));
        // Clients send the same token with every request: verify it once (until its exp, at most 5 minutes).
        return new CachingJwtDecoder(decoder);
    }

    static OAuth2TokenValidator<Jwt> validator(SecurityProperties properties) {
        // exp and nbf, each with the stated skew
        JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
        JwtClaimValidator<List<String>> audience = new JwtClaimValidator<>("aud",
                aud -> aud != null && aud.contains(properties.audience()));
        return new DelegatingOAuth2TokenValidator<>(List.of(timestamps, new JwtIssuerValidator(properties.issuer()),
                audience, requireExpiry()));
    }

    /** A token without {@code exp} never expires: refuse it. */
    private static OAuth2TokenValidator<Jwt> requireExpiry() {
        return new JwtClaimValidator<>("exp", exp -> exp != null);
    }

    /**
     * Spring Security not wrapped in observations at all. The property {@code management.observations.enable
     * .spring.security=false} only made them no-ops: the wrappers still ran around every filter, the authentication
     * and the authorisation (~3 % of workflow's CPU per command, JFR). No dashboard reads them;
     * {@code http.server.requests} stays.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ProblemResponses problemResponses() {
        return new ProblemResponses();
    }

    @Bean
    OfficeScopedBodyAdvice officeScopedBodyAdvice(OfficeAccess access) {
        return new OfficeScopedBodyAdvice(access);
    }

    /**
     * The filter chain of a service: public paths open, the service's {@code rules} (role and office per endpoint),
     * everything else denied.
     */
    public static SecurityFilterChain filterChain(HttpSecurity http, ProblemResponses problems,
            Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> rules)
            throws Exception {
        http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(oauth -> oauth
                        .bearerTokenResolver(tokenResolver())
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(ResourceServerSupport::authentication)))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(PUBLIC_PATHS).permitAll();
                    rules.customize(requests);
                    requests.anyRequest().denyAll();
                })
                // First of all: an outage met by a filter (an access rule reading the database) is a 503 too.
                .addFilterBefore(new OutageFilter(), DisableEncodeUrlFilter.class);
        return http.build();
    }

    /** The bearer token of the header; an oversized one is invalid without being parsed. */
    static BearerTokenResolver tokenResolver() {
        DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();
        return (HttpServletRequest request) -> {
            String header = request.getHeader("Authorization");
            if (header != null && header.length() > MAX_TOKEN_CHARS) {
                throw new InvalidBearerTokenException("the token is larger than any this service accepts");
            }
            return standard.resolve(request);
        };
    }

    /** Roles become authorities ({@code ROLE_CLERK}...), the principal's name is {@code sub}. */
    static AbstractAuthenticationToken authentication(Jwt jwt) {
        Caller caller = Callers.of(jwt);
        return new JwtAuthenticationToken(jwt, caller.roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList(), jwt.getSubject());
    }
}
