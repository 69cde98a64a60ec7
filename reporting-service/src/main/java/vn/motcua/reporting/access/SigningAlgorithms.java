package vn.motcua.reporting.access;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.token.jwt.signature.jwks.DefaultJwkValidator;
import jakarta.inject.Singleton;

/**
 * Only the contract's algorithms: RS256 with an RSA key, ES256 with an EC key of the JWKS. Anything else
 * (HMAC, RS512, PS256, a header naming one algorithm over a key of another family) is refused before a
 * signature is even checked. Unsigned tokens never get here: with a JWKS configured Micronaut refuses them.
 */
@Singleton
@Replaces(DefaultJwkValidator.class)
public class SigningAlgorithms extends DefaultJwkValidator {
    @Override
    public boolean validate(SignedJWT jwt, JWK jwk) {
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        boolean allowed = JWSAlgorithm.RS256.equals(alg) && jwk instanceof RSAKey
                || JWSAlgorithm.ES256.equals(alg) && jwk instanceof ECKey;
        return allowed && super.validate(jwt, jwk);
    }
}
