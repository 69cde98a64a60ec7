package vn.motcua.intake.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import vn.motcua.intake.personaldata.PersonalDataCipher.Sealed;
import vn.motcua.intake.personaldata.PersonalDataCipher.UnreadableException;

class PersonalDataCipherTest {
    private static final byte[] PLAIN = "{\"fullName\":\"Nguyễn Văn An\",\"idNumber\":\"079201001234\"}"
            .getBytes(StandardCharsets.UTF_8);
    private final PersonalDataCipher cipher = new PersonalDataCipher(randomKey());

    @Test
    void whatIsSealedOpensWithItsKeyAndDossier() {
        Sealed sealed = cipher.seal("d-1", PLAIN);
        assertThat(cipher.open("d-1", sealed.wrappedKey(), sealed.ciphertext())).isEqualTo(PLAIN);
    }

    @Test
    void theCiphertextHoldsNothingReadableAndEverySealIsFresh() {
        Sealed a = cipher.seal("d-1", PLAIN);
        Sealed b = cipher.seal("d-1", PLAIN);
        assertThat(new String(a.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("079201001234");
        assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());   // fresh nonce and data key
        assertThat(a.wrappedKey()).isNotEqualTo(b.wrappedKey());
        assertThat(a.ciphertext()).hasSize(1 + 12 + PLAIN.length + 16);
        assertThat(a.wrappedKey()).hasSize(1 + 12 + 32 + 16);
    }

    @Nested
    class NothingOpensThatWasNotSealedSo {
        private final Sealed sealed = cipher.seal("d-1", PLAIN);

        @Test
        void aChangedByteOfTheCiphertext() {
            for (int i = 1; i < sealed.ciphertext().length; i++) {
                byte[] tampered = sealed.ciphertext().clone();
                tampered[i] ^= 0x01;
                assertThatThrownBy(() -> cipher.open("d-1", sealed.wrappedKey(), tampered))
                        .isInstanceOf(UnreadableException.class);
            }
        }

        @Test
        void aChangedByteOfTheWrappedKey() {
            byte[] tampered = sealed.wrappedKey().clone();
            tampered[20] ^= 0x01;
            assertThatThrownBy(() -> cipher.open("d-1", tampered, sealed.ciphertext()))
                    .isInstanceOf(UnreadableException.class);
        }

        @Test
        void anotherDossiersIdAsAssociatedData() {
            assertThatThrownBy(() -> cipher.open("d-2", sealed.wrappedKey(), sealed.ciphertext()))
                    .isInstanceOf(UnreadableException.class);
        }

        @Test
        void anotherDossiersDataKey() {
            Sealed other = cipher.seal("d-2", PLAIN);
            assertThatThrownBy(() -> cipher.open("d-1", other.wrappedKey(), sealed.ciphertext()))
                    .isInstanceOf(UnreadableException.class);
        }

        @Test
        void anotherMasterKey() {
            PersonalDataCipher other = new PersonalDataCipher(randomKey());
            assertThat(other.masterKeyId()).isNotEqualTo(cipher.masterKeyId());
            assertThatThrownBy(() -> other.open("d-1", sealed.wrappedKey(), sealed.ciphertext()))
                    .isInstanceOf(UnreadableException.class);
        }

        @Test
        void aWrappedKeyOfferedAsDataOrTruncatedBytes() {
            assertThatThrownBy(() -> cipher.open("d-1", sealed.wrappedKey(), sealed.wrappedKey()))
                    .isInstanceOf(UnreadableException.class);
            assertThatThrownBy(() -> cipher.open("d-1", sealed.wrappedKey(), new byte[5]))
                    .isInstanceOf(UnreadableException.class);
            assertThatThrownBy(() -> cipher.open("d-1", null, sealed.ciphertext()))
                    .isInstanceOf(UnreadableException.class);
        }
    }

    @Test
    void theMasterKeyIsAes256AndItsIdIsStable() {
        byte[] key = randomKey();
        assertThat(new PersonalDataCipher(key).masterKeyId()).isEqualTo(new PersonalDataCipher(key).masterKeyId())
                .hasSize(16);
        assertThatThrownBy(() -> new PersonalDataCipher(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
