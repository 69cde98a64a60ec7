package vn.motcua.reporting.access;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import vn.motcua.access.OfficeTree;

/**
 * The office tree as this service projected it from the catalogue topic ({@code office.parent_id}), read per
 * request: one recursive query for the chain from an office up to its root. Read fresh, so an office registered
 * or moved a moment ago is judged by where it is now.
 */
@Singleton
public class OfficeAncestry {
    /** Deeper than any real tree; a cycle in bad data stops here (OfficeScope has the same guard). */
    private static final int MAX_DEPTH = 32;

    private static final String CHAIN = """
            with recursive up (office_id, parent_id, depth) as (
                select office_id, parent_id, 1 from office where office_id = ?
                union all
                select o.office_id, o.parent_id, up.depth + 1
                  from office o join up on o.office_id = up.parent_id
                 where up.depth < ?)
            select office_id, parent_id from up""";

    private final DataSource dataSource;

    public OfficeAncestry(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The part of the tree above {@code officeId} (empty for an office the catalogue does not know). */
    public OfficeTree above(String officeId) throws SQLException {
        Map<String, String> parents = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement chain = connection.prepareStatement(CHAIN)) {
            chain.setString(1, officeId);
            chain.setInt(2, MAX_DEPTH);
            try (ResultSet rows = chain.executeQuery()) {
                while (rows.next()) {
                    parents.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return office -> Optional.ofNullable(parents.get(office));
    }
}
