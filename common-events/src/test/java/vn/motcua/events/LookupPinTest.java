package vn.motcua.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LookupPinTest {
    @Test
    void a_pin_matches_its_verifier_as_citizens_type_it_and_nothing_else() {
        String pin = LookupPin.generate();
        String verifier = LookupPin.verifier(pin);

        assertThat(pin).hasSize(LookupPin.LENGTH).matches("[A-HJKMNP-Z2-9]+");
        assertThat(verifier).doesNotContain(pin).startsWith("pbkdf2-sha256$");
        assertThat(LookupPin.matches(pin, verifier)).isTrue();
        assertThat(LookupPin.matches(" " + pin.substring(0, 4).toLowerCase() + " " + pin.substring(4) + " ", verifier))
                .isTrue();
        String other = pin.charAt(0) == 'A' ? "B" + pin.substring(1) : "A" + pin.substring(1);
        assertThat(LookupPin.matches(other, verifier)).isFalse();
    }

    @Test
    void the_same_pin_gets_a_different_verifier_each_time() {
        assertThat(LookupPin.verifier("ABCD2345")).isNotEqualTo(LookupPin.verifier("ABCD2345"));
    }

    @Test
    void malformed_verifiers_never_match_and_never_throw() {
        for (String bad : new String[] {null, "", "plain", "md5$1$a$b", "pbkdf2-sha256$x$a$b",
                "pbkdf2-sha256$0$a$b", "pbkdf2-sha256$99999999$a$b", "pbkdf2-sha256$10$!!$??"}) {
            assertThat(LookupPin.matches("ABCD2345", bad)).isFalse();
        }
        assertThat(LookupPin.matches(null, LookupPin.verifier("ABCD2345"))).isFalse();
    }
}
