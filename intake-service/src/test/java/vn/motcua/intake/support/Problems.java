package vn.motcua.intake.support;

import static org.assertj.core.api.Assertions.assertThat;

import vn.motcua.testsupport.JsonHttp.Reply;
import vn.motcua.testsupport.Problem;

/** The shape every refused request must have: RFC 9457 problem+json naming the offending field. */
public final class Problems {
    private Problems() {
    }

    /** test-support's {@link Problem#check}: the status, a complete problem naming {@code field}, no stack trace. */
    public static void assertProblem(Reply<?> response, int status, String field) {
        assertThat(Problem.check(response, status, field)).isEmpty();
    }
}
