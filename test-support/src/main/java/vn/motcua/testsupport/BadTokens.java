package vn.motcua.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * Every way an {@code Authorization} header can fail to authenticate, as the contract lists them: each must
 * answer 401 with {@code WWW-Authenticate: Bearer error="invalid_token"} and a problem+json body. The tokens
 * carry the role and offices that WOULD be allowed, so only the token's flaw can explain a refusal.
 */
public final class BadTokens {
    /** One case: its name for the test report and the whole header value. */
    public record Case(String name, String authorization) {
        @Override
        public String toString() {
            return name;
        }
    }

    private BadTokens() {
    }

    public static List<Case> all(TestIssuer issuer, List<String> roles, List<String> offices) {
        String subject = "bad-token-test";
        Instant now = Instant.now();
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("garbage", "Bearer this-is-not-a-jwt"));
        cases.add(new Case("three garbage segments", "Bearer aaa.bbb.ccc"));
        cases.add(new Case("alg none", "Bearer " + new PlainJWT(issuer.claims(subject, roles, offices).build())
                .serialize()));
        cases.add(new Case("HMAC signed", "Bearer " + hmac(issuer.claims(subject, roles, offices).build())));
        cases.add(new Case("foreign key", "Bearer " + TestIssuer.sign(issuer.claims(subject, roles, offices).build(),
                TestIssuer.newKey())));
        cases.add(new Case("foreign key with the issuer's key id", "Bearer "
                + TestIssuer.sign(issuer.claims(subject, roles, offices).build(), sameKidOtherKey(issuer, roles,
                offices))));
        cases.add(new Case("expired", "Bearer " + issuer.token(subject, roles, offices,
                c -> c.issueTime(Date.from(now.minusSeconds(7200))).notBeforeTime(Date.from(now.minusSeconds(7200)))
                        .expirationTime(Date.from(now.minusSeconds(600))))));
        cases.add(new Case("not yet valid", "Bearer " + issuer.token(subject, roles, offices,
                c -> c.notBeforeTime(Date.from(now.plusSeconds(600))))));
        cases.add(new Case("wrong issuer", "Bearer " + issuer.token(subject, roles, offices,
                c -> c.issuer("http://evil.example"))));
        cases.add(new Case("wrong audience", "Bearer " + issuer.token(subject, roles, offices,
                c -> c.audience("someone-else"))));
        cases.add(new Case("no audience", "Bearer " + issuer.token(subject, roles, offices,
                c -> c.audience((String) null))));
        cases.add(new Case("tampered claims", "Bearer " + tamper(issuer.token(subject, List.of("clerk"),
                List.of("nowhere")), issuer.claims(subject, roles, List.of("*")).build())));
        cases.add(new Case("Bearer without a token", "Bearer"));
        cases.add(new Case("Bearer and two tokens", "Bearer " + issuer.token(subject, roles, offices) + " x"));
        cases.add(new Case("Basic scheme", "Basic " + Base64.getEncoder()
                .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8))));
        cases.add(new Case("oversized token", "Bearer " + "a".repeat(6000) + "." + "b".repeat(6000) + ".c"));
        return cases;
    }

    private static String hmac(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner("a-shared-secret-of-at-least-256-bits-0123456789".getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Another key pair under the key id of the issuer's real key: the signature must still fail. */
    private static RSAKey sameKidOtherKey(TestIssuer issuer, List<String> roles, List<String> offices) {
        String kid = kidOf(issuer.token("x", roles, offices));
        RSAKey other = TestIssuer.newKey();
        try {
            return new RSAKey.Builder(other.toRSAPublicKey()).privateKey(other.toRSAPrivateKey()).keyID(kid).build();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String kidOf(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getKeyID();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header and signature of a real token around other claims (more offices than it was issued). */
    private static String tamper(String token, JWTClaimsSet claims) {
        String[] parts = token.split("\\.");
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + payload + "." + parts[2];
    }
}
