package vn.motcua.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider as integrators and the console meet it: discovery, client credentials with HTTP Basic, the
 * authorization-code flow with PKCE through the login form, and tokens whose signature verifies against the JWKS it
 * serves and whose claims are the identity's.
 */
class OidcProviderTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String IDENTITIES = """
            {"clients": [
               {"clientId": "clerk-tan-thanh-dong", "clientSecret": "s3cret-clerk", "roles": ["clerk"],
                "offices": ["H29.21.15"]},
               {"clientId": "admin", "clientSecret": "s3cret-admin", "roles": ["admin"], "offices": ["*"]}],
             "users": [
               {"username": "lan", "password": "lan-password", "roles": ["analyst", "officer"],
                "offices": ["H29.21", "H49.17"]}]}
            """;
    private static final String CALLBACK = "http://localhost:8083/console/callback";

    @TempDir
    static Path dir;
    static RunningProvider provider;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        Path identities = dir.resolve("identities.json");
        Files.writeString(identities, IDENTITIES);
        provider = RunningProvider.start(dir.resolve("data"), identities);
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void discoveryNamesTheConfiguredIssuerAndItsEndpoints() throws Exception {
        HttpResponse<String> discovery = get("/.well-known/openid-configuration", Map.of());
        assertThat(discovery.statusCode()).isEqualTo(200);
        JsonNode metadata = JSON.readTree(discovery.body());
        assertThat(metadata.get("issuer").asString()).isEqualTo(provider.url());
        assertThat(metadata.get("token_endpoint").asString()).isEqualTo(provider.url() + "/oauth2/token");
        assertThat(metadata.get("jwks_uri").asString()).isEqualTo(provider.url() + "/oauth2/jwks");
        assertThat(get("/health", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void aClientGetsASignedTokenWithItsRolesAndOfficesByClientCredentials() throws Exception {
        HttpResponse<String> answer = clientCredentials("clerk-tan-thanh-dong", "s3cret-clerk");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isBetween(890L, 900L);

        JWTClaimsSet claims = verified(body.get("access_token").asString());
        assertThat(claims.getIssuer()).isEqualTo(provider.url());
        assertThat(claims.getAudience()).contains("motcua");
        assertThat(claims.getSubject()).isEqualTo("clerk-tan-thanh-dong");
        assertThat(claims.getStringListClaim("roles")).containsExactly("clerk");
        assertThat(claims.getStringListClaim("offices")).containsExactly("H29.21.15");
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(15));

        JWTClaimsSet admin = verified(JSON.readTree(clientCredentials("admin", "s3cret-admin").body())
                .get("access_token").asString());
        assertThat(admin.getStringListClaim("offices")).containsExactly("*");
    }

    @Test
    void aWrongSecretOrAnUnknownClientGetsNoToken() throws Exception {
        assertThat(clientCredentials("clerk-tan-thanh-dong", "not-the-secret").statusCode()).isEqualTo(401);
        assertThat(clientCredentials("nobody", "s3cret-clerk").statusCode()).isEqualTo(401);
        // A person's password is not a client secret.
        assertThat(clientCredentials("lan", "lan-password").statusCode()).isEqualTo(401);
    }

    @Test
    void aPersonSignsInToTheConsoleWithAuthorizationCodeAndPkce() throws Exception {
        String verifier = randomUrlSafe(32);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String authorize = "/oauth2/authorize?" + form(Map.of("response_type", "code", "client_id", "motcua-console",
                "scope", "openid", "redirect_uri", CALLBACK, "state", "st-42", "code_challenge", challenge,
                "code_challenge_method", "S256"));

        HttpResponse<String> toLogin = get(authorize, Map.of("Accept", "text/html"));
        assertThat(toLogin.statusCode()).isEqualTo(302);
        assertThat(location(toLogin)).endsWith("/login");

        HttpResponse<String> loginPage = get("/login", Map.of("Accept", "text/html"));
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(csrf.find()).as(loginPage.body()).isTrue();
        HttpResponse<String> signedIn = post("/login", Map.of("username", "lan", "password", "lan-password",
                "_csrf", csrf.group(1)), Map.of("Accept", "text/html"));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(location(signedIn)).contains("/oauth2/authorize");

        HttpResponse<String> back = get(relative(location(signedIn)), Map.of("Accept", "text/html"));
        assertThat(back.statusCode()).isEqualTo(302);
        URI callback = URI.create(location(back));
        assertThat(callback.toString()).startsWith(CALLBACK + "?");
        Map<String, String> parameters = query(callback);
        assertThat(parameters).containsEntry("state", "st-42").containsKey("code");

        // Without the verifier the code is worth nothing.
        Map<String, String> exchange = new LinkedHashMap<>(Map.of("grant_type", "authorization_code",
                "code", parameters.get("code"), "redirect_uri", CALLBACK, "client_id", "motcua-console"));
        assertThat(post("/oauth2/token", Map.of("grant_type", "authorization_code", "code", parameters.get("code"),
                "redirect_uri", CALLBACK, "client_id", "motcua-console", "code_verifier", randomUrlSafe(32)), Map.of())
                .statusCode()).isIn(400, 401);
        exchange.put("code_verifier", verifier);
        HttpResponse<String> tokens = post("/oauth2/token", exchange, Map.of());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(tokens.body());
        JWTClaimsSet claims = verified(body.get("access_token").asString());
        assertThat(claims.getSubject()).isEqualTo("lan");
        assertThat(claims.getIssuer()).isEqualTo(provider.url());
        assertThat(claims.getAudience()).contains("motcua");
        assertThat(claims.getStringListClaim("roles")).containsExactly("analyst", "officer");
        assertThat(claims.getStringListClaim("offices")).containsExactly("H29.21", "H49.17");
        assertThat(body.has("id_token")).isTrue();
    }

    @Test
    void theConsoleMustUsePkceAndARegisteredRedirect() throws Exception {
        HttpResponse<String> noPkce = get("/oauth2/authorize?" + form(Map.of("response_type", "code",
                "client_id", "motcua-console", "scope", "openid", "redirect_uri", CALLBACK, "state", "s")),
                Map.of("Accept", "text/html"));
        assertThat(noPkce.statusCode()).isEqualTo(302);
        assertThat(location(noPkce)).startsWith(CALLBACK).contains("error=invalid_request");

        HttpResponse<String> elsewhere = get("/oauth2/authorize?" + form(Map.of("response_type", "code",
                "client_id", "motcua-console", "scope", "openid", "redirect_uri", "http://evil.example/cb",
                "state", "s", "code_challenge", "x".repeat(43), "code_challenge_method", "S256")),
                Map.of("Accept", "text/html"));
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(elsewhere.headers().firstValue("Location")).isEmpty();
    }

    private JWTClaimsSet verified(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        JWKSet keys = JWKSet.parse(get("/oauth2/jwks", Map.of()).body());
        RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).isNotNull();
        assertThat(key.isPrivate()).as("the JWKS must not leak the private key").isFalse();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        return jwt.getJWTClaimsSet();
    }

    HttpResponse<String> clientCredentials(String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return post("/oauth2/token", Map.of("grant_type", "client_credentials"),
                Map.of("Authorization", "Basic " + basic));
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(provider.url() + path)).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> fields, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(provider.url() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static String relative(String location) {
        URI uri = URI.create(location);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            parameters.put(kv[0], java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
