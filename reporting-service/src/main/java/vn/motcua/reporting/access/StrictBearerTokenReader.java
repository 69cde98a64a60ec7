package vn.motcua.reporting.access;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.token.bearer.BearerTokenConfiguration;
import io.micronaut.security.token.bearer.BearerTokenReader;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code Authorization: Bearer <token>} exactly as RFC 6750 writes it: one token of the b64token
 * characters after one space. Micronaut's reader takes whatever follows the prefix ({@code "Bearer a b"} gives
 * {@code "a b"}); here anything else is no token at all, which answers 401 invalid_token.
 */
@Singleton
@Replaces(BearerTokenReader.class)
public class StrictBearerTokenReader extends BearerTokenReader {
    private static final Pattern BEARER = Pattern.compile("(?i:bearer) ([A-Za-z0-9\\-._~+/]+=*)");

    public StrictBearerTokenReader(BearerTokenConfiguration configuration) {
        super(configuration);
    }

    @Override
    protected Optional<String> extractTokenFromAuthorization(String authorization) {
        Matcher m = BEARER.matcher(authorization);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
