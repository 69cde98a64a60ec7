package vn.motcua.intake.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.motcua.intake.dossier.DossierQueries.Claim;
import vn.motcua.intake.infra.Refusal;

class ReceiptIdempotencyTest {
    private static final byte[] BODY = {1, 2, 3};
    private static final byte[] OTHER_BODY = {1, 2, 4};
    private static final Refusal KEY_REUSED = Refusal.againstRule("Idempotency-Key",
            "was already used for a different request; use a new key for a new request");

    @Test
    void the_key_header_is_one_to_two_hundred_characters() {
        assertThat(ReceiptIdempotency.key(null)).isEmpty();
        assertThat(ReceiptIdempotency.key("k")).isEmpty();
        assertThat(ReceiptIdempotency.key("k".repeat(200))).isEmpty();
        Refusal bad = Refusal.malformed("Idempotency-Key", "must be 1 to 200 characters");
        assertThat(ReceiptIdempotency.key("")).contains(bad);
        assertThat(ReceiptIdempotency.key("  ")).contains(bad);
        assertThat(ReceiptIdempotency.key("k".repeat(201))).contains(bad);
    }

    @Test
    void a_blank_external_reference_is_none() {
        assertThat(ReceiptIdempotency.externalRef(null)).isNull();
        assertThat(ReceiptIdempotency.externalRef(" \t")).isNull();
        assertThat(ReceiptIdempotency.externalRef(" ref-1 ")).isEqualTo(" ref-1 ");
    }

    @Test
    void only_a_receipt_with_a_key_or_a_reference_can_repeat_another() {
        assertThat(ReceiptIdempotency.mayRepeat(null, null)).isFalse();
        assertThat(ReceiptIdempotency.mayRepeat("k", null)).isTrue();
        assertThat(ReceiptIdempotency.mayRepeat(null, "ref")).isTrue();
    }

    @Test
    void the_same_key_and_body_of_the_same_caller_is_a_repeat() {
        assertThat(ReceiptIdempotency.reuse(new Claim("d", "clerk", "k", BODY), "clerk", "k", BODY.clone()))
                .isEmpty();
    }

    @Test
    void the_same_callers_key_with_another_body_is_refused() {
        assertThat(ReceiptIdempotency.reuse(new Claim("d", "clerk", "k", BODY), "clerk", "k", OTHER_BODY))
                .contains(KEY_REUSED);
    }

    @Test
    void an_unknown_fingerprint_is_taken_as_the_same_request() {
        assertThat(ReceiptIdempotency.reuse(new Claim("d", "clerk", "k", null), "clerk", "k", OTHER_BODY)).isEmpty();
        assertThat(ReceiptIdempotency.reuse(new Claim("d", "clerk", "k", BODY), "clerk", "k", null)).isEmpty();
    }

    @Test
    void a_claim_by_reference_or_by_another_callers_key_is_no_key_reuse() {
        // Found by the office's external reference: a repeat whatever the key and body.
        assertThat(ReceiptIdempotency.reuse(new Claim("d", "clerk", null, BODY), "clerk", null, OTHER_BODY))
                .isEmpty();
        assertThat(ReceiptIdempotency.reuse(new Claim("d", "clerk", "k1", BODY), "clerk", "k2", OTHER_BODY))
                .isEmpty();
        assertThat(ReceiptIdempotency.reuse(new Claim("d", "other", "k", BODY), "clerk", "k", OTHER_BODY))
                .isEmpty();
    }
}
