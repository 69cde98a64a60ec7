package vn.motcua.reporting.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import vn.motcua.reporting.web.FieldError;
import vn.motcua.reporting.web.ProblemException;
import vn.motcua.reporting.web.ContractErrors;

/**
 * The console's office picker: an office and every office below it, from reporting's own catalogue table. The
 * office asked for must be in the caller's scope (access table), so an analyst sees only its own subtrees.
 */
@Controller("/api/v1/reports/offices")
@ContractErrors
@ExecuteOn(TaskExecutors.BLOCKING)
public class OfficeCatalogueController {
    /** Enough for a province with all its districts and communes; a deeper catalogue is cut, never slow. */
    static final int LIMIT = 5000;

    private final DataSource dataSource;

    public OfficeCatalogueController(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Serdeable
    public record Office(String officeId, String name, String level, String parentId) {
    }

    @Serdeable
    public record Offices(String officeId, List<Office> offices, boolean truncated) {
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public Offices subtree(@Nullable @QueryValue String officeId) throws SQLException {
        if (officeId == null || officeId.isBlank()) {
            throw ProblemException.invalid(List.of(new FieldError("officeId", "is required")));
        }
        List<Office> offices = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("""
                     with recursive tree (office_id, depth) as (
                         select office_id, 0 from office where office_id = ?
                         union
                         select o.office_id, t.depth + 1 from office o join tree t on o.parent_id = t.office_id
                          where t.depth < 10
                     )
                     select o.office_id, o.name, o.level, o.parent_id from tree t join office o using (office_id)
                      order by t.depth, o.office_id limit ?""")) {
            ps.setString(1, officeId.trim());
            ps.setInt(2, LIMIT + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    offices.add(new Office(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        if (offices.isEmpty()) {
            throw ProblemException.notFound("No office " + officeId + " has been registered",
                    List.of(new FieldError("officeId", "unknown office " + officeId)));
        }
        boolean truncated = offices.size() > LIMIT;
        return new Offices(officeId.trim(), truncated ? offices.subList(0, LIMIT) : offices, truncated);
    }
}
