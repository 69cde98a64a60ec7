package vn.motcua.oidc;

import java.util.function.Consumer;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Checks the {@code redirect_uri} of an authorization request. Registered URIs match exactly, as usual; one that
 * ends with {@code /**} matches any path below it on the same scheme, host and port, so the console can be sent back
 * to whatever page the person started from. On a mismatch no redirect happens (the error is shown by the provider).
 */
final class ConsoleRedirectUris implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        RegisteredClient client = context.getRegisteredClient();
        String requested = request.getRedirectUri();
        if (requested == null || requested.isBlank() || !allowed(client, requested)) {
            throw refused(request);
        }
    }

    static boolean allowed(RegisteredClient client, String requested) {
        UriComponents uri;
        try {
            uri = UriComponentsBuilder.fromUriString(requested).build();
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        if (uri.getFragment() != null || uri.getUserInfo() != null || uri.getHost() == null) {
            return false;
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.contains("/../") || path.endsWith("/..")) {
            return false;
        }
        String origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        for (String registered : client.getRedirectUris()) {
            if (registered.endsWith("/**")) {
                String base = registered.substring(0, registered.length() - 3);
                if ((origin + path).equals(base) || (origin + path).startsWith(base + "/")) {
                    return true;
                }
            } else if (registered.equals(requested)) {
                return true;
            }
        }
        return false;
    }

    private static OAuth2AuthorizationCodeRequestAuthenticationException refused(
            OAuth2AuthorizationCodeRequestAuthenticationToken request) {
        OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "OAuth 2.0 Parameter: redirect_uri",
                "https://datatracker.ietf.org/doc/html/rfc6749#section-4.1.2.1");
        // No redirect_uri in the token: the error must not be sent to an address we just refused.
        OAuth2AuthorizationCodeRequestAuthenticationToken withoutRedirect =
                new OAuth2AuthorizationCodeRequestAuthenticationToken(request.getAuthorizationUri(),
                        request.getClientId(), (Authentication) request.getPrincipal(),
                        null, request.getState(), request.getScopes(), request.getAdditionalParameters());
        return new OAuth2AuthorizationCodeRequestAuthenticationException(error, withoutRedirect);
    }
}
