package vn.motcua.calendar;

/**
 * A date of the Vietnamese lunisolar calendar (âm lịch). {@code year} is the solar year in which the lunar year
 * begins (Tết); {@code leap} marks the intercalary month (tháng nhuận) that repeats {@code month}.
 */
public record LunarDate(int year, int month, int day, boolean leap) {

    public LunarDate {
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("lunar month must be 1..12: " + month);
        }
        if (day < 1 || day > 30) {
            throw new IllegalArgumentException("lunar day must be 1..30: " + day);
        }
    }

    public static LunarDate of(int year, int month, int day) {
        return new LunarDate(year, month, day, false);
    }
}
