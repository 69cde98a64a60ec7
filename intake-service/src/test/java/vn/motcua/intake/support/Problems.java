package vn.motcua.intake.support;

import static org.assertj.core.api.Assertions.assertThat;

import vn.motcua.intake.support.Api.Response;

/** The shape every refused request must have: RFC 9457 problem+json naming the offending field. */
public final class Problems {
    private Problems() {
    }

    public static void assertProblem(Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        var json = response.json();
        assertThat(json.get("status").asInt()).isEqualTo(status);
        assertThat(json.hasNonNull("type")).isTrue();
        assertThat(json.hasNonNull("title")).isTrue();
        assertThat(json.hasNonNull("detail")).isTrue();
        assertThat(json.get("errors").valueStream().map(e -> e.get("field").asString())).contains(field);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
