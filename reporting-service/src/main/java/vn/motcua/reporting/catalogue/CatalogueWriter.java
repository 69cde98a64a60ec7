package vn.motcua.reporting.catalogue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.OfficeRegistered;
import vn.motcua.events.ProcedurePublished;
import vn.motcua.reporting.jdbc.EventBatchWriter;
import vn.motcua.reporting.jdbc.Sql;

/** Offices (the tree that subtree reports walk) and procedures, full state each time, newest wins. */
public final class CatalogueWriter implements EventBatchWriter {
    private final PreparedStatement office;
    private final PreparedStatement procedure;
    private int pending;

    public CatalogueWriter(Connection connection) throws SQLException {
        office = connection.prepareStatement("""
                insert into office (office_id, name, level, parent_id, registered_at) values (?, ?, ?, ?, ?)
                on conflict (office_id) do update
                   set name = excluded.name, level = excluded.level, parent_id = excluded.parent_id,
                       registered_at = excluded.registered_at
                 where office.registered_at <= excluded.registered_at""");
        procedure = connection.prepareStatement("""
                insert into procedure (code, name, field, processing_days, online_mode, postal, published_at, fee,
                                       online_payment, decided_on, effective_on, made_public_on, content_complete)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (code) do update
                   set name = excluded.name, field = excluded.field, processing_days = excluded.processing_days,
                       online_mode = excluded.online_mode, postal = excluded.postal,
                       published_at = excluded.published_at, fee = excluded.fee,
                       online_payment = excluded.online_payment, decided_on = excluded.decided_on,
                       effective_on = excluded.effective_on, made_public_on = excluded.made_public_on,
                       content_complete = excluded.content_complete
                 where procedure.published_at <= excluded.published_at""");
    }

    @Override
    public boolean add(EventEnvelope event) throws SQLException {
        if (event.data() instanceof OfficeRegistered o) {
            office.setString(1, o.officeId());
            office.setString(2, o.name());
            Sql.setEnum(office, 3, o.level());
            office.setString(4, o.parentId());
            Sql.setInstant(office, 5, o.registeredAt() != null ? o.registeredAt() : event.time());
            office.addBatch();
        } else if (event.data() instanceof ProcedurePublished p) {
            procedure.setString(1, p.code());
            procedure.setString(2, p.name());
            procedure.setString(3, p.field());
            procedure.setBigDecimal(4, p.processingDays());
            Sql.setEnum(procedure, 5, p.onlineMode());
            procedure.setBoolean(6, p.postal());
            Sql.setInstant(procedure, 7, p.publishedAt() != null ? p.publishedAt() : event.time());
            procedure.setLong(8, p.fee());
            procedure.setBoolean(9, p.onlinePayment());
            procedure.setObject(10, p.decidedOn());
            procedure.setObject(11, p.effectiveOn());
            procedure.setObject(12, p.madePublicOn());
            procedure.setObject(13, p.contentComplete());
            procedure.addBatch();
        } else {
            return false;
        }
        pending++;
        return true;
    }

    @Override
    public void flush() throws SQLException {
        if (pending > 0) {
            office.executeBatch();
            procedure.executeBatch();
            pending = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        office.close();
        procedure.close();
    }
}
