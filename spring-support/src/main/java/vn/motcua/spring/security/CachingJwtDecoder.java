package vn.motcua.spring.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the tokens the {@code delegate} decoded and validated, keyed by the raw token string, so an officer's
 * client sending the same token with every request pays the parsing and the RSA/EC signature check once (JFR: 12.7 %
 * of the workflow's CPU under load went to decoding the same few tokens again).
 *
 * <p>Why this is safe: the key is the whole compact token, signature included, so a token differing in any byte
 * (another signature, a changed claim) is not a hit and goes to the delegate; only tokens the delegate accepted are
 * kept; a hit is served only before the token's {@code exp} (the delegate's clock skew is not extended to the
 * cache: past {@code exp} the delegate decides again) and before {@code maxAge} after it was checked, so a key
 * removed from the JWKS stops being honoured for cached tokens within {@code maxAge}. Bounded: the least recently
 * used entry is dropped beyond {@code maxEntries}.
 */
public final class CachingJwtDecoder implements JwtDecoder {
    /** Enough for every officer of a province signed in at once; a token is at most a few KB. */
    public static final int DEFAULT_MAX_ENTRIES = 4_096;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

    private final JwtDecoder delegate;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<String, Entry> entries;

    private record Entry(Jwt jwt, Instant servedUntil) {
    }

    public CachingJwtDecoder(JwtDecoder delegate, int maxEntries, Duration maxAge, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
        }
        this.delegate = delegate;
        this.clock = clock;
        this.maxAge = maxAge;
        this.entries = new LinkedHashMap<>(Math.min(maxEntries, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    public CachingJwtDecoder(JwtDecoder delegate) {
        this(delegate, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_AGE, Clock.systemUTC());
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        synchronized (entries) {
            Entry entry = entries.get(token);
            if (entry != null) {
                if (now.isBefore(entry.servedUntil())) {
                    return entry.jwt();
                }
                entries.remove(token);
            }
        }
        Jwt jwt = delegate.decode(token); // throws for an invalid token: nothing is cached
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt != null) {
            Instant byAge = now.plus(maxAge);
            Instant servedUntil = expiresAt.isBefore(byAge) ? expiresAt : byAge;
            if (now.isBefore(servedUntil)) {
                synchronized (entries) {
                    entries.put(token, new Entry(jwt, servedUntil));
                }
            }
        }
        return jwt;
    }

    /** How many tokens are remembered (for tests and metrics). */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
