package vn.motcua.reporting.access;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.JWTClaimsSetUtils;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * {@code exp} (required: a token that never expires is refused) and {@code nbf} (when present) with the stated
 * clock skew {@code motcua.security.clock-skew} (30 s by default), the same as the Spring services. Micronaut's
 * own validators have no skew and are switched off in application.yml.
 */
@Singleton
public class TokenLifetime<T> implements GenericJwtClaimsValidator<T> {
    private final Duration skew;
    private final Clock clock;

    public TokenLifetime(@Value("${motcua.security.clock-skew:30s}") Duration skew) {
        this(skew, Clock.systemUTC());
    }

    TokenLifetime(Duration skew, Clock clock) {
        this.skew = skew;
        this.clock = clock;
    }

    @Override
    public boolean validate(@NonNull Claims claims, @Nullable T request) {
        JWTClaimsSet set = JWTClaimsSetUtils.jwtClaimsSetFromClaims(claims);
        Instant now = clock.instant();
        Date exp = set.getExpirationTime();
        if (exp == null || !now.minus(skew).isBefore(exp.toInstant())) {
            return false;
        }
        Date nbf = set.getNotBeforeTime();
        return nbf == null || !now.plus(skew).isBefore(nbf.toInstant());
    }
}
