package vn.motcua.reporting.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

/** RS256 and ES256 only, each with a key of its own family; every other algorithm is refused. */
class SigningAlgorithmsTest {
    private static final JWTClaimsSet CLAIMS = new JWTClaimsSet.Builder().subject("x").build();

    private final SigningAlgorithms algorithms = new SigningAlgorithms();

    @Test
    void rs256AndEs256Pass() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
        assertThat(algorithms.validate(signed(JWSAlgorithm.RS256, new RSASSASigner(rsa)), rsa.toPublicJWK())).isTrue();
        assertThat(algorithms.validate(signed(JWSAlgorithm.ES256, new ECDSASigner(ec)), ec.toPublicJWK())).isTrue();
    }

    @Test
    void otherAlgorithmsFailEvenWithTheRightKey() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        JWK publicRsa = rsa.toPublicJWK();
        assertThat(algorithms.validate(signed(JWSAlgorithm.RS384, new RSASSASigner(rsa)), publicRsa)).isFalse();
        assertThat(algorithms.validate(signed(JWSAlgorithm.RS512, new RSASSASigner(rsa)), publicRsa)).isFalse();
        assertThat(algorithms.validate(signed(JWSAlgorithm.PS256, new RSASSASigner(rsa)), publicRsa)).isFalse();
        ECKey ec384 = new ECKeyGenerator(Curve.P_384).generate();
        assertThat(algorithms.validate(signed(JWSAlgorithm.ES384, new ECDSASigner(ec384)), ec384.toPublicJWK()))
                .isFalse();
        SignedJWT hmac = signed(JWSAlgorithm.HS256,
                new MACSigner("a-shared-secret-of-at-least-256-bits-0123456789".getBytes()));
        assertThat(algorithms.validate(hmac, publicRsa)).isFalse();
    }

    @Test
    void anAlgorithmOverAKeyOfAnotherFamilyFails() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        assertThat(algorithms.validate(signed(JWSAlgorithm.ES256, new ECDSASigner(ec)), rsa.toPublicJWK())).isFalse();
        assertThat(algorithms.validate(signed(JWSAlgorithm.RS256, new RSASSASigner(rsa)), ec.toPublicJWK())).isFalse();
    }

    private static SignedJWT signed(JWSAlgorithm alg, JWSSigner signer) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), CLAIMS);
        jwt.sign(signer);
        return jwt;
    }
}
