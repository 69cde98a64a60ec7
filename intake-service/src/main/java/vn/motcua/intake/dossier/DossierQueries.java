package vn.motcua.intake.dossier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.motcua.events.Channel;
import vn.motcua.events.DossierCode;
import vn.motcua.calendar.WorkingHours;
import vn.motcua.intake.catalogue.ProcessingDays;
import vn.motcua.intake.personaldata.PersonalDataCipher;

/** Reads of the intake records, and the idempotency claims. */
@Repository
class DossierQueries {
    private final JdbcTemplate jdbc;
    private final PersonalDataCipher cipher;

    DossierQueries(JdbcTemplate jdbc, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /**
     * What POST answers: the same body for the first request and every repeat, except {@code lookupPin}, shown in
     * the 201 only (it is not stored, so a repeat cannot show it again).
     */
    record ReceiptView(String dossierId, String code, String officeId, String procedureCode, Channel channel,
                       OffsetDateTime receivedAt, OffsetDateTime dueAt,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String lookupPin) {
        ReceiptView(String dossierId, String code, String officeId, String procedureCode, Channel channel,
                    OffsetDateTime receivedAt, OffsetDateTime dueAt) {
            this(dossierId, code, officeId, procedureCode, channel, receivedAt, dueAt, null);
        }

        ReceiptView withPin(String pin) {
            return new ReceiptView(dossierId, code, officeId, procedureCode, channel, receivedAt, dueAt, pin);
        }
    }

    /** The full intake record; once the applicant's data is erased, {@code applicant} is null. */
    record DossierView(String dossierId, String code, String officeId, String procedureCode, String field,
                       Channel channel, boolean onlineEligible, BigDecimal processingDays,
                       OffsetDateTime receivedAt, OffsetDateTime dueAt, Applicant applicant,
                       boolean applicantErased, List<SubmittedDocument> documents, String externalRef,
                       long fee, boolean onlinePayment, int revision, boolean cancelled,
                       OffsetDateTime cancelledAt) {
    }

    /**
     * The intake record with its applicant opened (decrypted with the dossier's data key). Callers that show it
     * record the read in the personal-data audit. The ciphertext and key are read in one statement, so an erasure
     * is seen whole or not at all; a missing key means erased, whatever else is left.
     */
    Optional<DossierView> dossier(String dossierId) {
        return jdbc.query("""
                        SELECT d.dossier_id, code, office_id, procedure_code, field, channel, online_eligible,
                            processing_days, received_at, due_at, applicant_sealed, k.wrapped_key, external_ref,
                            fee, online_payment, revision, cancelled_at
                        FROM dossier d LEFT JOIN applicant_key k ON k.dossier_id = d.dossier_id
                        WHERE d.dossier_id = ?""",
                (rs, n) -> {
                    Applicant applicant = open(rs.getString(1), rs.getBytes(12), rs.getBytes(11));
                    return new DossierView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), Channel.valueOf(rs.getString(6)), rs.getBoolean(7),
                            ProcessingDays.normalize(rs.getBigDecimal(8)),
                            local(rs.getObject(9, OffsetDateTime.class)), local(rs.getObject(10, OffsetDateTime.class)),
                            applicant, applicant == null, documents(rs.getString(1)), rs.getString(13),
                            rs.getLong(14), rs.getBoolean(15), rs.getInt(16), rs.getObject(17) != null,
                            rs.getObject(17) == null ? null : local(rs.getObject(17, OffsetDateTime.class)));
                },
                dossierId).stream().findFirst();
    }

    /** What POST answered for the dossier; no personal data, so no decryption and nothing to audit. */
    Optional<ReceiptView> receipt(String dossierId) {
        return jdbc.query("""
                        SELECT dossier_id, code, office_id, procedure_code, channel, received_at, due_at
                        FROM dossier WHERE dossier_id = ?""",
                (rs, n) -> new ReceiptView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Channel.valueOf(rs.getString(5)), local(rs.getObject(6, OffsetDateTime.class)),
                        local(rs.getObject(7, OffsetDateTime.class))),
                dossierId).stream().findFirst();
    }

    /** The dossier id of a code (codes are unique). */
    Optional<String> idOfCode(DossierCode code) {
        return jdbc.queryForList("SELECT dossier_id FROM dossier WHERE code = ?", String.class, code.toString())
                .stream()
                .findFirst();
    }

    Applicant open(String dossierId, byte[] wrappedKey, byte[] sealed) {
        if (wrappedKey == null || sealed == null) {
            return null;
        }
        return Applicant.fromBytes(cipher.open(dossierId, wrappedKey, sealed));
    }

    List<SubmittedDocument> documents(String dossierId) {
        return jdbc.query("""
                        SELECT name, copies, digitised, reused FROM dossier_document WHERE dossier_id = ?
                        ORDER BY position""",
                (rs, n) -> new SubmittedDocument(rs.getString(1), rs.getInt(2), rs.getBoolean(3), rs.getBoolean(4)),
                dossierId);
    }

    /** An idempotency claim: its dossier, and the key's owner and request fingerprint. */
    record Claim(String dossierId, String client, String idempotencyKey, byte[] requestHash) {
        boolean byKey(String caller, String key) {
            return key != null && key.equals(idempotencyKey) && caller.equals(client);
        }
    }

    /**
     * The claim of an earlier request by this caller with this key, or with this external reference at this office
     * (the key's claim first).
     */
    Optional<Claim> claimedDossier(String client, String idempotencyKey, String officeId, String externalRef) {
        return jdbc.query("""
                        SELECT dossier_id, client, idempotency_key, request_hash FROM receipt_claim
                        WHERE (client = ? AND idempotency_key = ?) OR (office_id = ? AND external_ref = ?)
                        ORDER BY (client = ? AND idempotency_key = ?) DESC LIMIT 1""",
                (rs, n) -> new Claim(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4)),
                client, idempotencyKey, officeId, externalRef, client, idempotencyKey).stream().findFirst();
    }

    /**
     * Claims the key and reference for a new dossier AND takes the next number of the office's daily sequence, in
     * one round trip. Empty when an earlier receipt holds the key or reference (the sequence is then untouched); a
     * racing receipt that has not committed yet makes this wait for its outcome (PostgreSQL's unique index).
     */
    Optional<Integer> claimAndNumber(String dossierId, String client, String idempotencyKey, byte[] requestHash,
                                     String officeId, String externalRef, LocalDate day) {
        return jdbc.queryForList("""
                        WITH claim AS (
                            INSERT INTO receipt_claim (dossier_id, client, idempotency_key, request_hash, office_id,
                                external_ref)
                            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING office_id)
                        INSERT INTO dossier_sequence (office_id, day, last_value)
                        SELECT office_id, CAST(? AS DATE), 1 FROM claim
                        ON CONFLICT (office_id, day) DO UPDATE SET last_value = dossier_sequence.last_value + 1
                        RETURNING last_value""",
                Integer.class, dossierId, client, idempotencyKey, requestHash, officeId, externalRef, day).stream()
                .findFirst();
    }

    /**
     * Claims for many receipts in one statement; answers the dossier ids whose claim succeeded (the others repeat an
     * earlier receipt, or an earlier line of the same batch).
     */
    java.util.Set<String> claimAll(List<String> dossierIds, List<String> clients, List<String> keys,
                                   List<byte[]> requestHashes, List<String> officeIds, List<String> externalRefs) {
        return new java.util.HashSet<>(jdbc.execute((java.sql.Connection con) -> {
            try (var ps = con.prepareStatement("""
                    INSERT INTO receipt_claim (dossier_id, client, idempotency_key, request_hash, office_id,
                        external_ref)
                    SELECT * FROM unnest(CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]),
                        CAST(? AS BYTEA[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]))
                    ON CONFLICT DO NOTHING RETURNING dossier_id""")) {
                ps.setArray(1, con.createArrayOf("varchar", dossierIds.toArray()));
                ps.setArray(2, con.createArrayOf("varchar", clients.toArray()));
                ps.setArray(3, con.createArrayOf("varchar", keys.toArray()));
                // byte[][], not Object[]: pgjdbc refuses "byte[] nested inside Object[]" (and the group fell back to one
                // transaction per receipt, silently, until the fallback was logged).
                ps.setArray(4, con.createArrayOf("bytea", requestHashes.toArray(new byte[0][])));
                ps.setArray(5, con.createArrayOf("varchar", officeIds.toArray()));
                ps.setArray(6, con.createArrayOf("varchar", externalRefs.toArray()));
                List<String> claimed = new java.util.ArrayList<>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(rs.getString(1));
                    }
                }
                return claimed;
            }
        }));
    }

    record OfficeDay(String officeId, LocalDate day) implements Comparable<OfficeDay> {
        @Override
        public int compareTo(OfficeDay o) {
            int c = officeId.compareTo(o.officeId);
            return c != 0 ? c : day.compareTo(o.day);
        }
    }

    /**
     * Takes {@code count} consecutive numbers of each office's daily sequence in one statement; answers the LAST
     * number taken per office and day. Rows are locked in sorted order, so concurrent batches cannot deadlock here.
     */
    java.util.Map<OfficeDay, Integer> takeNumbers(java.util.SortedMap<OfficeDay, Integer> counts) {
        return jdbc.execute((java.sql.Connection con) -> {
            try (var ps = con.prepareStatement("""
                    INSERT INTO dossier_sequence (office_id, day, last_value)
                    SELECT * FROM unnest(CAST(? AS VARCHAR[]), CAST(? AS DATE[]), CAST(? AS INTEGER[]))
                    ON CONFLICT (office_id, day) DO UPDATE
                        SET last_value = dossier_sequence.last_value + excluded.last_value
                    RETURNING office_id, day, last_value""")) {
                ps.setArray(1, con.createArrayOf("varchar",
                        counts.keySet().stream().map(OfficeDay::officeId).toArray()));
                ps.setArray(2, con.createArrayOf("date",
                        counts.keySet().stream().map(k -> java.sql.Date.valueOf(k.day())).toArray()));
                ps.setArray(3, con.createArrayOf("int4", counts.values().toArray()));
                java.util.Map<OfficeDay, Integer> last = new java.util.HashMap<>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        last.put(new OfficeDay(rs.getString(1), rs.getObject(2, LocalDate.class)), rs.getInt(3));
                    }
                }
                return last;
            }
        });
    }

    /** The next number of the office's daily sequence; given back if the transaction rolls back. */
    int nextSequence(String officeId, LocalDate day) {
        Integer value = jdbc.queryForObject("""
                        INSERT INTO dossier_sequence (office_id, day, last_value) VALUES (?, ?, 1)
                        ON CONFLICT (office_id, day) DO UPDATE SET last_value = dossier_sequence.last_value + 1
                        RETURNING last_value""",
                Integer.class, officeId, day);
        return value;
    }

    static OffsetDateTime local(OffsetDateTime t) {
        return t.atZoneSameInstant(WorkingHours.VIETNAM).toOffsetDateTime();
    }
}
