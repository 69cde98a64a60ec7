package vn.motcua.intake.catalogue;

import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import vn.motcua.events.OfficeRegistered;
import vn.motcua.events.ProcedurePublished;

/** Lookup tables of the catalogue, written in the command's transaction (subscribing processor). */
@Component
@ProcessingGroup("catalogue-projection")
class CatalogueProjection {
    private final JdbcTemplate jdbc;
    private final CatalogueQueries queries;

    CatalogueProjection(JdbcTemplate jdbc, CatalogueQueries queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    /** Evicts now and again after commit, so a read racing the transaction cannot keep the old entry cached. */
    private static void evict(Runnable eviction) {
        eviction.run();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    eviction.run();
                }
            });
        }
    }

    @EventHandler
    void on(OfficeRegistered e) {
        jdbc.update("""
                INSERT INTO office (office_id, name, level, parent_id, registered_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (office_id) DO UPDATE SET name = excluded.name, level = excluded.level,
                    parent_id = excluded.parent_id, registered_at = excluded.registered_at""",
                e.officeId(), e.name(), e.level().name(), e.parentId(), Timestamp.from(e.registeredAt()));
        evict(() -> queries.evictOffice(e.officeId()));
    }

    @EventHandler
    void on(ProcedurePublished e) {
        jdbc.update("""
                INSERT INTO procedure (code, name, field, processing_days, online_mode, postal, published_at, fee,
                    online_payment, decided_on, effective_on, made_public_on, content_complete)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, field = excluded.field,
                    processing_days = excluded.processing_days, online_mode = excluded.online_mode,
                    postal = excluded.postal, published_at = excluded.published_at, fee = excluded.fee,
                    online_payment = excluded.online_payment, decided_on = excluded.decided_on,
                    effective_on = excluded.effective_on, made_public_on = excluded.made_public_on,
                    content_complete = excluded.content_complete""",
                e.code(), e.name(), e.field(), e.processingDays(), e.onlineMode().name(), e.postal(),
                Timestamp.from(e.publishedAt()), e.fee(), e.onlinePayment(), e.decidedOn(), e.effectiveOn(),
                e.madePublicOn(), e.contentComplete());
        evict(() -> queries.evictProcedure(e.code()));
    }
}
