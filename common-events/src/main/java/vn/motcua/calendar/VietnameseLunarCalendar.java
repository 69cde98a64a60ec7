package vn.motcua.calendar;

import java.time.LocalDate;
import java.time.temporal.JulianFields;

/**
 * Solar ↔ lunar conversion for the Vietnamese calendar, after Hồ Ngọc Đức's published algorithm
 * ("Âm lịch Việt Nam", astronomical new moons and sun longitude, Meeus' series), evaluated at UTC+7.
 *
 * <p>Why UTC+7 and not Beijing's +8: Vietnam has reckoned its lunar calendar at +7 since 1968, and the two
 * calendars do disagree on some new moons (Tết 1985 is the famous case), so the zone is not a detail.
 *
 * <p>Why compute at all: holidays beyond the shipped data (see {@link HolidayCalendar}) need Tết and the Hùng
 * Kings' day (10/3 lunar) for any year; a table would silently run out.
 */
public final class VietnameseLunarCalendar {

    /** Hours east of UTC at which new moons and solar terms are dated (Vietnam, 105°E). */
    public static final double TIME_ZONE = 7.0;

    private static final double SYNODIC_MONTH = 29.530588853;
    private static final double NEW_MOON_EPOCH = 2415021.076998695; // JD of the new moon of 1900-01-01

    private VietnameseLunarCalendar() {
    }

    /** Solar date of lunar 1/1 of the lunar year beginning in solar year {@code year}. */
    public static LocalDate tet(int year) {
        return toSolar(LunarDate.of(year, 1, 1));
    }

    /** Solar date of the Hùng Kings' Commemoration Day (Giỗ Tổ, 10/3 lunar, never the leap month). */
    public static LocalDate hungKingsDay(int year) {
        return toSolar(LunarDate.of(year, 3, 10));
    }

    /** Converts a lunar date to the solar (Gregorian) date. */
    public static LocalDate toSolar(LunarDate lunar) {
        int a11;
        int b11;
        if (lunar.month() < 11) {
            a11 = lunarMonth11(lunar.year() - 1);
            b11 = lunarMonth11(lunar.year());
        } else {
            a11 = lunarMonth11(lunar.year());
            b11 = lunarMonth11(lunar.year() + 1);
        }
        int k = (int) Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
        int off = lunar.month() - 11;
        if (off < 0) {
            off += 12;
        }
        if (b11 - a11 > 365) { // 13 months between two months 11: this lunar year has a leap month
            int leapOff = leapMonthOffset(a11);
            int leapMonth = leapOff - 2;
            if (leapMonth < 0) {
                leapMonth += 12;
            }
            if (lunar.leap() && lunar.month() != leapMonth) {
                throw new IllegalArgumentException("no leap month " + lunar.month() + " in lunar year " + lunar.year());
            }
            if (lunar.leap() || off >= leapOff) {
                off += 1;
            }
        } else if (lunar.leap()) {
            throw new IllegalArgumentException("lunar year " + lunar.year() + " has no leap month");
        }
        int monthStart = newMoonDay(k + off);
        return fromJdn(monthStart + lunar.day() - 1);
    }

    /** Converts a solar (Gregorian) date to the lunar date. */
    public static LunarDate toLunar(LocalDate date) {
        int dayNumber = jdn(date);
        int yy = date.getYear();
        int k = (int) Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
        int monthStart = newMoonDay(k + 1);
        if (monthStart > dayNumber) {
            monthStart = newMoonDay(k);
        }
        int a11 = lunarMonth11(yy);
        int b11 = a11;
        int lunarYear;
        if (a11 >= monthStart) {
            lunarYear = yy;
            a11 = lunarMonth11(yy - 1);
        } else {
            lunarYear = yy + 1;
            b11 = lunarMonth11(yy + 1);
        }
        int lunarDay = dayNumber - monthStart + 1;
        int diff = (int) Math.floor((monthStart - a11) / 29.0);
        boolean leap = false;
        int lunarMonth = diff + 11;
        if (b11 - a11 > 365) {
            int leapMonthDiff = leapMonthOffset(a11);
            if (diff >= leapMonthDiff) {
                lunarMonth = diff + 10;
                leap = diff == leapMonthDiff;
            }
        }
        if (lunarMonth > 12) {
            lunarMonth -= 12;
        }
        if (lunarMonth >= 11 && diff < 4) {
            lunarYear -= 1;
        }
        return new LunarDate(lunarYear, lunarMonth, lunarDay, leap);
    }

    // --- astronomy -------------------------------------------------------------------------------------------

    /** Julian day number of the k-th new moon after 1900-01-01, at local midnight of {@link #TIME_ZONE}. */
    static int newMoonDay(int k) {
        return (int) Math.floor(newMoon(k) + 0.5 + TIME_ZONE / 24);
    }

    /** Julian date (UT) of the k-th new moon after the new moon of 1900-01-01 (Meeus, simplified). */
    private static double newMoon(int k) {
        double t = k / 1236.85; // Julian centuries since 1900-01-0.5
        double t2 = t * t;
        double t3 = t2 * t;
        double dr = Math.PI / 180;
        double jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
        jd1 += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr); // mean new moon
        double m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3; // sun's mean anomaly
        double mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3; // moon's mean anomaly
        double f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3; // moon's argument of latitude
        double c1 = (0.1734 - 0.000393 * t) * Math.sin(m * dr) + 0.0021 * Math.sin(2 * dr * m);
        c1 = c1 - 0.4068 * Math.sin(mpr * dr) + 0.0161 * Math.sin(dr * 2 * mpr);
        c1 = c1 - 0.0004 * Math.sin(dr * 3 * mpr);
        c1 = c1 + 0.0104 * Math.sin(dr * 2 * f) - 0.0051 * Math.sin(dr * (m + mpr));
        c1 = c1 - 0.0074 * Math.sin(dr * (m - mpr)) + 0.0004 * Math.sin(dr * (2 * f + m));
        c1 = c1 - 0.0004 * Math.sin(dr * (2 * f - m)) - 0.0006 * Math.sin(dr * (2 * f + mpr));
        c1 = c1 + 0.0010 * Math.sin(dr * (2 * f - mpr)) + 0.0005 * Math.sin(dr * (2 * mpr + m));
        double deltaT = t < -11
                ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
                : -0.000278 + 0.000265 * t + 0.000262 * t2;
        return jd1 + c1 - deltaT;
    }

    /** Sun's true longitude in radians, [0, 2π), at Julian date {@code jd} (UT). */
    private static double sunLongitude(double jd) {
        double t = (jd - 2451545.0) / 36525; // Julian centuries since J2000.0
        double t2 = t * t;
        double dr = Math.PI / 180;
        double m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2; // mean anomaly
        double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2; // mean longitude
        double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.sin(dr * m);
        dl += (0.019993 - 0.000101 * t) * Math.sin(dr * 2 * m) + 0.000290 * Math.sin(dr * 3 * m);
        double l = (l0 + dl) * dr;
        return l - Math.PI * 2 * Math.floor(l / (Math.PI * 2));
    }

    /** Which of the 12 major solar terms (30° sectors, 0 = spring equinox) the sun is in at local midnight. */
    private static int sunSector(int dayNumber) {
        return (int) Math.floor(sunLongitude(dayNumber - 0.5 - TIME_ZONE / 24) / Math.PI * 6);
    }

    /** Julian day number of the start of lunar month 11 (the month containing the winter solstice) of {@code year}. */
    static int lunarMonth11(int year) {
        int off = jdn(LocalDate.of(year, 12, 31)) - 2415021;
        int k = (int) Math.floor(off / SYNODIC_MONTH);
        int nm = newMoonDay(k);
        if (sunSector(nm) >= 9) { // the sun already passed 270°: the solstice month started one moon earlier
            nm = newMoonDay(k - 1);
        }
        return nm;
    }

    /**
     * Offset (in months after month 11 starting at {@code a11}) of the leap month: the first month in which the
     * sun enters no new major solar term.
     */
    private static int leapMonthOffset(int a11) {
        int k = (int) Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
        int i = 1;
        int arc = sunSector(newMoonDay(k + i));
        int last;
        do {
            last = arc;
            i++;
            arc = sunSector(newMoonDay(k + i));
        } while (arc != last && i < 14);
        return i - 1;
    }

    private static int jdn(LocalDate date) {
        return (int) date.getLong(JulianFields.JULIAN_DAY);
    }

    private static LocalDate fromJdn(long jdn) {
        return LocalDate.EPOCH.with(JulianFields.JULIAN_DAY, jdn);
    }
}
