package vn.motcua.reporting.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Sibling offices (the children of {@code officeId}, each with its own subtree) ranked by a rate, best first;
 * offices without a denominator have no rate and come last without a rank. Equal rates share a rank (1, 2, 2, 4).
 */
@Serdeable
public record Ranking(String officeId, String from, String to, String by, List<Entry> rows) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Entry(Integer rank, String officeId, String name, BigDecimal rate, long numerator,
                        long denominator) {
    }

    /** What a ranking orders by: on-time rate (early + on time) / resolved, or online rate submitted / eligible. */
    public enum Measure {
        ON_TIME, ONLINE, RESOLVED;

        public static Measure parse(String text) {
            String key = text.trim().toUpperCase(Locale.ROOT).replace("-", "_");
            return switch (key) {
                case "ONTIME", "ON_TIME" -> ON_TIME;
                case "ONLINE" -> ONLINE;
                case "RESOLVED" -> RESOLVED;
                default -> throw new IllegalArgumentException(text);
            };
        }

        long numerator(Figures f) {
            return switch (this) {
                case ON_TIME -> f.resolved().early() + f.resolved().onTime();
                case ONLINE -> f.online().submitted();
                case RESOLVED -> f.resolved().total();
            };
        }

        long denominator(Figures f) {
            return switch (this) {
                case ON_TIME -> f.resolved().total();
                case ONLINE -> f.online().eligible();
                case RESOLVED -> f.received().total();
            };
        }

        String label() {
            return switch (this) {
                case ON_TIME -> "onTime";
                case ONLINE -> "online";
                case RESOLVED -> "resolved";
            };
        }
    }
}
