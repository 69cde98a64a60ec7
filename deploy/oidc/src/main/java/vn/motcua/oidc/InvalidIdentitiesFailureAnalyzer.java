package vn.motcua.oidc;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import vn.motcua.oidc.identity.InvalidIdentitiesException;

/** A bad identities file is the operator's mistake: say which entry, not a page of bean-creation stack trace. */
class InvalidIdentitiesFailureAnalyzer extends AbstractFailureAnalyzer<InvalidIdentitiesException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, InvalidIdentitiesException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the file (JSON {\"clients\": [{\"clientId\", \"clientSecret\", \"roles\", \"offices\"}], "
                        + "\"users\": [{\"username\", \"password\", \"roles\", \"offices\"}]}) and start again.",
                cause);
    }
}
