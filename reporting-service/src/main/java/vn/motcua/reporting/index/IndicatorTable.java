package vn.motcua.reporting.index;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Decision 766 indicator table: groups, indicators, names in Vietnamese and English, points, thresholds and
 * how each is measured. Policy data, not code: the default ({@code service-index/decision-766.json}) is the split
 * of DOMAIN.md, and a province replaces it with {@code motcua.index.indicators=/path/to/file.json}.
 */
@Serdeable
public record IndicatorTable(@Nullable String source, List<Group> groups) {
    public static final String DEFAULT_RESOURCE = "service-index/decision-766.json";

    @Serdeable
    public record Group(String code, String name, @Nullable String nameEn, List<Indicator> indicators) {
    }

    /** {@code threshold} a fraction in (0, 1], or null (score = max × ratio). */
    @Serdeable
    public record Indicator(String code, String name, @Nullable String nameEn, BigDecimal max,
                            @Nullable BigDecimal threshold, Measure measure) {
    }

    /** Reads and checks a table; a file that does not make sense stops the service at start, naming the fault. */
    public static IndicatorTable read(JsonMapper json, @Nullable String path) {
        try (InputStream in = path == null || path.isBlank()
                ? IndicatorTable.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)
                : Files.newInputStream(Path.of(path))) {
            if (in == null) {
                throw new IllegalStateException("indicator table not found: " + DEFAULT_RESOURCE);
            }
            IndicatorTable table = json.readValue(in, IndicatorTable.class);
            table.check(path == null ? DEFAULT_RESOURCE : path);
            return table;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the indicator table " + (path == null ? DEFAULT_RESOURCE
                    : path) + ": " + e.getMessage(), e);
        }
    }

    void check(String where) {
        if (groups == null || groups.isEmpty()) {
            throw new IllegalStateException(where + ": no groups");
        }
        Set<String> codes = new HashSet<>();
        for (Group g : groups) {
            require(g.code() != null && !g.code().isBlank() && g.name() != null, where, "a group without code/name");
            require(codes.add(g.code()), where, "code " + g.code() + " twice");
            require(g.indicators() != null && !g.indicators().isEmpty(), where, g.code() + " has no indicators");
            for (Indicator i : g.indicators()) {
                require(i.code() != null && !i.code().isBlank() && i.name() != null, where,
                        "an indicator of " + g.code() + " without code/name");
                require(codes.add(i.code()), where, "code " + i.code() + " twice");
                require(i.measure() != null, where, i.code() + ": unknown or missing measure");
                require(i.max() != null && i.max().signum() >= 0, where, i.code() + ": max must be >= 0");
                require(i.threshold() == null || i.threshold().signum() > 0 && i.threshold().compareTo(BigDecimal.ONE) <= 0,
                        where, i.code() + ": threshold must be in (0, 1]");
            }
        }
    }

    private static void require(boolean ok, String where, String fault) {
        if (!ok) {
            throw new IllegalStateException("indicator table " + where + ": " + fault);
        }
    }
}
