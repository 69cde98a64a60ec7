package vn.motcua.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A real token issuer for tests: an RSA key pair generated here, its public half served as a JWKS (and an OpenID
 * discovery document) over HTTP on loopback, and access tokens signed with the private half exactly as the
 * contract describes them ({@code iss}, {@code aud: motcua}, {@code sub}, {@code roles}, {@code offices},
 * {@code exp}, {@code nbf}). The services under test fetch the JWKS like they would from the real provider;
 * nothing in them is switched off.
 */
public final class TestIssuer implements AutoCloseable {
    public static final String AUDIENCE = "motcua";
    private static final Duration LIFETIME = Duration.ofMinutes(30);

    private final RSAKey key;
    private final HttpServer server;
    private final String issuer;

    private TestIssuer(RSAKey key, HttpServer server) {
        this.key = key;
        this.server = server;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Generates a key pair and serves its JWKS on a free loopback port. */
    public static TestIssuer start() {
        RSAKey key = newKey();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            TestIssuer issuer = new TestIssuer(key, server);
            String jwks = new JWKSet(key.toPublicJWK()).toString();
            String discovery = "{\"issuer\":\"" + issuer.issuer + "\",\"jwks_uri\":\"" + issuer.jwkSetUri()
                    + "\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
            server.createContext("/oauth2/jwks", exchange -> respond(exchange, jwks));
            server.createContext("/.well-known/openid-configuration", exchange -> respond(exchange, discovery));
            server.start();
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code iss} the services must be configured with. */
    public String issuer() {
        return issuer;
    }

    /** Where the services fetch the public keys. */
    public String jwkSetUri() {
        return issuer + "/oauth2/jwks";
    }

    /** A valid access token. {@code offices} may hold {@code "*"}. */
    public String token(String subject, Collection<String> roles, Collection<String> offices) {
        return sign(claims(subject, roles, offices).build());
    }

    /** {@code Authorization} header value for a valid token. */
    public String bearer(String subject, Collection<String> roles, Collection<String> offices) {
        return "Bearer " + token(subject, roles, offices);
    }

    /** A valid token with one role and its offices: {@code bearer("clerk", "H29.21")}. */
    public String bearer(String role, String... offices) {
        return bearer(role + "-" + String.join("+", offices), List.of(role), List.of(offices));
    }

    /** A token whose claims the test changes (to make it wrong in one way). */
    public String token(String subject, Collection<String> roles, Collection<String> offices,
                        UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(change.apply(claims(subject, roles, offices)).build());
    }

    /** The claims of a valid token, for a test to change before signing. */
    public JWTClaimsSet.Builder claims(String subject, Collection<String> roles, Collection<String> offices) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).audience(List.of(AUDIENCE)).subject(subject)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(1)))
                .expirationTime(Date.from(now.plus(LIFETIME))).jwtID(UUID.randomUUID().toString())
                .claim("roles", List.copyOf(roles)).claim("offices", List.copyOf(offices));
    }

    /** Signs claims with this issuer's key (RS256, its key id in the header). */
    public String sign(JWTClaimsSet claims) {
        return sign(claims, key);
    }

    static String sign(JWTClaimsSet claims, RSAKey with) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
