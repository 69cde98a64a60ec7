package vn.motcua.oidc;

import java.util.List;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;
import vn.motcua.oidc.identity.Identities;
import vn.motcua.oidc.identity.Identity;

/**
 * Puts the contract's claims into tokens: {@code aud} "motcua" and the identity's {@code roles} and {@code offices}
 * ({@code sub} is already the client id or the username). A client signs in for itself (client credentials); a
 * person through the console (authorization code), so the grant says which list to look in.
 */
@Component
class AccessClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {
    private final Identities identities;

    AccessClaims(Identities identities) {
        this.identities = identities;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!accessToken && !idToken) {
            return;
        }
        String subject = context.getPrincipal().getName();
        Identity identity = (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())
                ? identities.client(subject) : identities.user(subject))
                .orElse(new Identity(subject, "", List.of(), List.of()));
        context.getClaims().claim("roles", identity.roles()).claim("offices", identity.offices());
        if (accessToken) {
            context.getClaims().audience(List.of(OidcProperties.AUDIENCE));
        }
    }
}
