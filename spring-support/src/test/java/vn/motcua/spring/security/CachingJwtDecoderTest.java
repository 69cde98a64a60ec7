package vn.motcua.spring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import vn.motcua.testsupport.TestIssuer;

/** The token cache never accepts what the decoder would refuse: real signed tokens, a real JWKS, a moving clock. */
class CachingJwtDecoderTest {
    private static TestIssuer issuer;
    private final MovingClock clock = new MovingClock(Instant.now());
    private final AtomicInteger verified = new AtomicInteger();
    private CachingJwtDecoder cache;

    @BeforeAll
    static void startIssuer() {
        issuer = TestIssuer.start();
    }

    @AfterAll
    static void stopIssuer() {
        issuer.close();
    }

    @BeforeEach
    void decoder() {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withJwkSetUri(issuer.jwkSetUri()).build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
        timestamps.setClock(clock);
        nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(issuer.issuer())));
        JwtDecoder counting = token -> {
            verified.incrementAndGet();
            return nimbus.decode(token);
        };
        cache = new CachingJwtDecoder(counting, 2, Duration.ofMinutes(5), clock);
    }

    @Test
    void aValidTokenIsVerifiedOnce() {
        String token = token("officer", Duration.ofMinutes(30));
        assertThat(cache.decode(token).getSubject()).isEqualTo("officer");
        assertThat(cache.decode(token).getSubject()).isEqualTo("officer");
        assertThat(verified).hasValue(1);
    }

    @Test
    void anExpiredTokenIsRefusedEvenIfCached() {
        String token = token("officer", Duration.ofSeconds(60));
        cache.decode(token);
        clock.advance(Duration.ofSeconds(59));
        cache.decode(token);
        assertThat(verified).as("still cached before exp").hasValue(1);

        clock.advance(Duration.ofSeconds(2)); // past exp
        assertThatThrownBy(() -> cache.decode(token)).isInstanceOf(JwtException.class);
        assertThat(verified).as("the decoder decided again").hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aDifferentSignatureIsNotACacheHit() {
        String token = token("officer", Duration.ofMinutes(30));
        cache.decode(token);
        String other = token("someone-else", Duration.ofMinutes(30));
        String forged = token.substring(0, token.lastIndexOf('.')) + other.substring(other.lastIndexOf('.'));

        assertThatThrownBy(() -> cache.decode(forged)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> cache.decode(forged)).as("a refused token is not remembered either")
                .isInstanceOf(JwtException.class);
        assertThat(verified).hasValue(3);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void theCacheIsBoundedAndEntriesAgeOut() {
        String a = token("a", Duration.ofMinutes(30));
        String b = token("b", Duration.ofMinutes(30));
        String c = token("c", Duration.ofMinutes(30));
        cache.decode(a);
        cache.decode(b);
        cache.decode(c); // a, the least recently used, is dropped
        assertThat(cache.size()).isEqualTo(2);
        cache.decode(a);
        assertThat(verified).hasValue(4);

        clock.advance(Duration.ofMinutes(5)); // checked again after maxAge, even though exp is further away
        cache.decode(a);
        assertThat(verified).hasValue(5);
    }

    /** A valid token by the test's clock (the machine's may run ahead of it while a busy test starts). */
    private String token(String subject, Duration lifetime) {
        return issuer.token(subject, List.of("officer"), List.of("*"), c -> c
                .notBeforeTime(Date.from(clock.instant().minusSeconds(60)))
                .issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(clock.instant().plus(lifetime))));
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
