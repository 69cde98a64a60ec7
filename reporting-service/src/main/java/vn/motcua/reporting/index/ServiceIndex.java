package vn.motcua.reporting.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.List;

/**
 * The Decision 766 index of an office over a period (CONTRACT.md 1.1 "Reporting"). {@code total} sums the
 * available scores, {@code maxTotal} their points; an unavailable indicator has no ratio and no score.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS) // an unavailable indicator shows its nulls: the contract's shape
public record ServiceIndex(String officeId, String from, String to, String scope, BigDecimal total,
                           BigDecimal maxTotal, List<Group> groups) {
    /** {@code max}: the points of the group's available indicators; {@code maxTable}: all of them. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Group(String code, String name, @Nullable String nameEn, BigDecimal score, BigDecimal max,
                        BigDecimal maxTable, List<Indicator> indicators) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Indicator(String code, String name, @Nullable String nameEn, @Nullable Long numerator,
                            @Nullable Long denominator, @Nullable BigDecimal ratio, @Nullable BigDecimal threshold,
                            @Nullable BigDecimal score, BigDecimal max, boolean available) {
    }
}
