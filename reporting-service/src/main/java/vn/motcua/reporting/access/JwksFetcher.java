package vn.motcua.reporting.access;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.security.token.jwt.signature.jwks.JwksClient;
import io.micronaut.security.token.jwt.signature.jwks.ResourceRetrieverJwksClient;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the provider's JWKS when a token first needs it (never at start, so the service comes up while the
 * provider is down) with short timeouts: Micronaut's fallback client waits forever on a provider that hangs.
 * A failed fetch yields no keys (the token answers 401) and is retried by the next token.
 */
@Singleton
@Replaces(ResourceRetrieverJwksClient.class)
public class JwksFetcher implements JwksClient {
    private static final Logger LOG = LoggerFactory.getLogger(JwksFetcher.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    public Publisher<String> load(@Nullable String providerName, @NonNull String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Accept", "application/json").GET().build();
        return Publishers.fromCompletableFuture(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    if (failure != null || response.statusCode() != 200) {
                        LOG.warn("JWKS {} unavailable: {}", url,
                                failure != null ? failure.toString() : "HTTP " + response.statusCode());
                        return null;
                    }
                    return response.body();
                }));
    }
}
