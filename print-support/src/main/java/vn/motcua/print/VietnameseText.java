package vn.motcua.print;

import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Times, dates and durations as Vietnamese administrative documents write them. */
public final class VietnameseText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH 'giờ' mm 'phút', 'ngày' dd/MM/yyyy");

    private VietnameseText() {
    }

    /** "09 giờ 30 phút, ngày 07/12/2026". */
    public static String time(ZonedDateTime t) {
        return t == null ? "" : TIME.format(t);
    }

    /** "ngày 07 tháng 12 năm 2026", for the place-and-date line. */
    public static String date(ZonedDateTime t) {
        return "ngày %02d tháng %02d năm %d".formatted(t.getDayOfMonth(), t.getMonthValue(), t.getYear());
    }

    /** A statutory time: "15 ngày làm việc", "0,5 ngày làm việc" (a comma for the decimal, as Vietnamese writes). */
    public static String workingDays(BigDecimal days) {
        if (days == null) {
            return "";
        }
        return days.stripTrailingZeros().toPlainString().replace('.', ',') + " ngày làm việc";
    }
}
