package vn.motcua.intake.dossier;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.motcua.intake.personaldata.BlindIndex;
import vn.motcua.intake.personaldata.PersonalDataCipher;

/**
 * Makes the dossiers received before the blind index existed (migration 6; the applicants sealed by migration 4
 * have no {@code applicant_index} rows) findable by name and ID number: at start, in a background thread, it opens
 * each sealed applicant that has no entry, in batches of {@value #BATCH} in dossier-id order, and writes its
 * digests. Idempotent: a dossier with entries is skipped, so a second run (or a run interrupted half-way and
 * started again) adds nothing twice. Each batch locks its dossier rows ({@code FOR UPDATE}): an erasure or a
 * correction of the same dossier waits for the batch, so no digest of an erased applicant is written after it.
 * Logs counts, never a value.
 */
@Component
public class BlindIndexBackfill {
    private static final Logger log = LoggerFactory.getLogger(BlindIndexBackfill.class);
    static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PersonalDataCipher cipher;
    private final BlindIndex blindIndex;
    private final boolean atStart;

    BlindIndexBackfill(JdbcTemplate jdbc, TransactionTemplate tx, PersonalDataCipher cipher, BlindIndex blindIndex,
                       @Value("${motcua.blind-index.backfill-at-start:true}") boolean atStart) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.cipher = cipher;
        this.blindIndex = blindIndex;
        this.atStart = atStart;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        if (!atStart) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                run();
            } catch (RuntimeException e) {
                // An outage: the dossiers left are found at the next start.
                log.warn("blind index back-fill stopped: {}", e.toString());
            }
        }, "blind-index-backfill");
        thread.setDaemon(true);
        thread.start();
    }

    /** Indexes every sealed applicant without an entry; returns how many dossiers got entries. */
    public long run() {
        String after = "";
        long indexed = 0;
        long seen = 0;
        while (true) {
            String from = after;
            Batch batch = tx.execute(status -> batch(from));
            if (batch == null || batch.last() == null) {
                break;
            }
            seen += batch.seen();
            indexed += batch.indexed();
            after = batch.last();
            if (seen % (BATCH * 20L) < BATCH) {
                log.info("blind index back-fill: {} dossiers indexed so far", indexed);
            }
        }
        if (seen > 0) {
            log.info("blind index back-fill done: {} dossiers without entries, {} indexed", seen, indexed);
        }
        return indexed;
    }

    private record Batch(String last, int seen, int indexed) {
    }

    private Batch batch(String after) {
        record Row(String dossierId, byte[] wrappedKey, byte[] sealed) {
        }
        List<Row> rows = jdbc.query("""
                SELECT d.dossier_id, k.wrapped_key, d.applicant_sealed
                FROM dossier d JOIN applicant_key k ON k.dossier_id = d.dossier_id
                WHERE d.dossier_id > ? AND d.applicant_sealed IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM applicant_index i WHERE i.dossier_id = d.dossier_id)
                ORDER BY d.dossier_id LIMIT ?
                FOR UPDATE OF d""", (rs, n) -> new Row(rs.getString(1), rs.getBytes(2), rs.getBytes(3)), after, BATCH);
        if (rows.isEmpty()) {
            return new Batch(null, 0, 0);
        }
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> idNumbers = new ArrayList<>();
        for (Row row : rows) {
            Applicant applicant = Applicant.fromBytes(cipher.open(row.dossierId(), row.wrappedKey(), row.sealed()));
            ids.add(row.dossierId());
            names.add(applicant.fullName());
            idNumbers.add(applicant.idNumber());
        }
        blindIndex.indexAll(ids, names, idNumbers);
        int indexed = jdbc.queryForObject("SELECT count(DISTINCT dossier_id) FROM applicant_index WHERE dossier_id = "
                + "ANY (CAST(? AS VARCHAR[]))", Integer.class, (Object) ids.toArray(String[]::new));
        return new Batch(ids.get(ids.size() - 1), rows.size(), indexed);
    }
}
