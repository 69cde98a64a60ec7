package vn.motcua.intake.personaldata;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Search over sealed applicants without opening them: HMAC-SHA256, under a key derived from the master key, of the
 * normalized full name (lower case, accents removed, spaces collapsed) and of the ID number, in
 * {@code applicant_index}. Equality only (a digest says nothing of prefixes); without the master key a digest cannot
 * be tested against guesses. Rows go with the applicant on erasure. The same key also fingerprints idempotent
 * requests ({@link #fingerprint}), so no plain hash of a body holding personal data is ever stored.
 */
@Repository
public class BlindIndex {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final JdbcTemplate jdbc;
    private final SecretKeySpec nameKey;
    private final SecretKeySpec requestKey;

    BlindIndex(JdbcTemplate jdbc, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.nameKey = new SecretKeySpec(cipher.deriveKey("applicant blind index v1"), "HmacSHA256");
        this.requestKey = new SecretKeySpec(cipher.deriveKey("request fingerprint v1"), "HmacSHA256");
    }

    /** "Nguyễn  Văn An" → "nguyen van an"; đ is a letter of its own in Unicode, not d with a mark. */
    public static String normalizeName(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT).replace('đ', 'd');
        String bare = MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
        return SPACES.matcher(bare).replaceAll(" ");
    }

    /** ID numbers are digits (old ones with letters): spaces and dots dropped, upper case. */
    public static String normalizeIdNumber(String idNumber) {
        return idNumber.replaceAll("[\\s.\\-]", "").toUpperCase(Locale.ROOT);
    }

    public byte[] nameDigest(String name) {
        return hmac(nameKey, "name:" + normalizeName(name));
    }

    public byte[] idNumberDigest(String idNumber) {
        return hmac(nameKey, "id:" + normalizeIdNumber(idNumber));
    }

    /** The digests a query string may match: as a name and as an ID number. */
    public List<byte[]> queryDigests(String q) {
        List<byte[]> digests = new ArrayList<>(2);
        if (!normalizeName(q).isEmpty()) {
            digests.add(nameDigest(q));
        }
        if (!normalizeIdNumber(q).isEmpty()) {
            digests.add(idNumberDigest(q));
        }
        return digests;
    }

    /** A keyed fingerprint of a canonical request body (idempotency: a repeat or another request). */
    public byte[] fingerprint(byte[] canonicalBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(requestKey);
            return mac.doFinal(canonicalBody);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the dossier's entries (in the caller's transaction). */
    public void index(String dossierId, String fullName, String idNumber) {
        jdbc.update("DELETE FROM applicant_index WHERE dossier_id = ?", dossierId);
        indexAll(List.of(dossierId), List.of(fullName), java.util.Collections.singletonList(idNumber));
    }

    /** New dossiers' entries in one statement, after their dossier rows ({@code idNumbers} items may be null). */
    public void indexAll(List<String> dossierIds, List<String> fullNames, List<String> idNumbers) {
        List<byte[]> digests = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < dossierIds.size(); i++) {
            if (fullNames.get(i) != null && !normalizeName(fullNames.get(i)).isEmpty()) {
                digests.add(nameDigest(fullNames.get(i)));
                owners.add(dossierIds.get(i));
            }
            String id = idNumbers.get(i);
            if (id != null && !normalizeIdNumber(id).isEmpty()) {
                digests.add(idNumberDigest(id));
                owners.add(dossierIds.get(i));
            }
        }
        if (digests.isEmpty()) {
            return;
        }
        // The office and receipt time come from the dossier's row (written first), so a search can filter and order
        // inside this index. One statement for a whole group (an INSERT ... SELECT is not rewritten into a multi-row
        // statement by the driver: batched, it was one execution per entry, a receipt's costliest statement).
        jdbc.execute((Connection con) -> {
            try (PreparedStatement ps = con.prepareStatement("""
                    INSERT INTO applicant_index (digest, dossier_id, office_id, received_at)
                    SELECT e.digest, d.dossier_id, d.office_id, d.received_at
                    FROM unnest(CAST(? AS BYTEA[]), CAST(? AS VARCHAR[])) AS e(digest, dossier_id)
                    JOIN dossier d ON d.dossier_id = e.dossier_id
                    ON CONFLICT DO NOTHING""")) {
                // byte[][], not Object[]: pgjdbc encodes only a typed array of byte[] as bytea[].
                ps.setArray(1, con.createArrayOf("bytea", digests.toArray(new byte[0][])));
                ps.setArray(2, con.createArrayOf("varchar", owners.toArray(new String[0])));
                return ps.executeUpdate();
            }
        });
    }

    private static byte[] hmac(SecretKeySpec key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
