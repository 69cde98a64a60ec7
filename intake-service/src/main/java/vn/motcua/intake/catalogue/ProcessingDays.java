package vn.motcua.intake.catalogue;

import java.math.BigDecimal;

/** A procedure's statutory time: a positive whole or half number of working days. */
public final class ProcessingDays {
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private ProcessingDays() {
    }

    public static boolean isValid(BigDecimal days) {
        return days != null && days.signum() > 0 && isWhole(days.multiply(TWO))
                && days.compareTo(BigDecimal.valueOf(3650)) <= 0;
    }

    /** 1.0 → 1, 10 → 10 (never 1E+1), 2.50 → 2.5. */
    public static BigDecimal normalize(BigDecimal days) {
        BigDecimal stripped = days.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static boolean isWhole(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }
}
