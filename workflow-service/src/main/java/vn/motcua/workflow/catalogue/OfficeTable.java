package vn.motcua.workflow.catalogue;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import vn.motcua.events.OfficeRegistered;

/** The {@code office} table: each office's parent and name, as the newest OfficeRegistered said. */
public class OfficeTable {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public OfficeTable(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Writes the offices in one transaction. Idempotent and order-proof: a row changes only for a registration at
     * least as new as the one it holds, so a redelivered or late older record changes nothing.
     */
    public void record(List<OfficeRegistered> offices) {
        if (offices.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> jdbc.batchUpdate("""
                INSERT INTO office (office_id, parent_id, registered_at, name) VALUES (?, ?, ?, ?)
                ON CONFLICT (office_id) DO UPDATE SET parent_id = excluded.parent_id,
                                                      registered_at = excluded.registered_at,
                                                      name = excluded.name
                WHERE office.registered_at <= excluded.registered_at""", offices, offices.size(), (ps, office) -> {
            ps.setString(1, office.officeId());
            ps.setString(2, office.parentId());
            ps.setTimestamp(3, Timestamp.from(office.registeredAt()));
            ps.setString(4, office.name());
        }));
    }

    /** Every office's parent (null for a root): small, a province has a few hundred offices. */
    public Map<String, String> parents() {
        Map<String, String> parents = new HashMap<>();
        jdbc.query("SELECT office_id, parent_id FROM office",
                rs -> {
                    parents.put(rs.getString("office_id"), rs.getString("parent_id"));
                });
        return parents;
    }
}
