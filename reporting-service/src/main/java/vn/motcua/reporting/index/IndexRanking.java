package vn.motcua.reporting.index;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.List;

/** The children of an office ranked by their subtree's index total, best first; equal totals share a rank. */
@Serdeable
public record IndexRanking(String officeId, String from, String to, List<Entry> entries) {
    @Serdeable
    public record Entry(int rank, String officeId, String name, BigDecimal total, BigDecimal maxTotal) {
    }
}
