package vn.motcua.events;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dossier code printed on the receipt slip (DOMAIN glossary, "mã hồ sơ"):
 * {@code <office code>-<YYMMDD of receipt>-<daily sequence, 4 digits>}, e.g. {@code H49.17-240312-0007}.
 *
 * <p>The office code is the agency code of the contract (letters, digits and dots, at most 64 characters; it has no
 * dash, so the last two dashes split the code). The sequence is zero-padded to 4 digits and simply grows past 9999
 * on a day that needs it ({@code -10000}); a code has exactly one written form, so {@link #parse} accepts only the
 * form {@link #toString} writes. The date is kept as written ({@code yyMMdd}): the code does not say its century.
 *
 * <p>On the wire (events, JSON bodies) a code stays a string: this type is where one is made and where one is read.
 */
public record DossierCode(String officeId, String receiptDay, int sequence) {
    /** Agency codes: H49, H49.17, H49.17.05 (CONTRACT, intake's office ids). */
    private static final Pattern OFFICE = Pattern.compile("[A-Za-z0-9]+(\\.[A-Za-z0-9]+)*");
    private static final Pattern CODE = Pattern.compile("(.+)-([0-9]{6})-([0-9]{4,9})");
    private static final int MAX_OFFICE_LENGTH = 64;

    public DossierCode {
        Objects.requireNonNull(officeId, "officeId");
        Objects.requireNonNull(receiptDay, "receiptDay");
        if (officeId.length() > MAX_OFFICE_LENGTH || !OFFICE.matcher(officeId).matches()) {
            throw new IllegalArgumentException("not an office code: " + officeId);
        }
        if (!isDay(receiptDay)) {
            throw new IllegalArgumentException("not a day written yyMMdd: " + receiptDay);
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("a daily sequence starts at 1: " + sequence);
        }
    }

    /** The code of the {@code sequence}-th dossier received at {@code officeId} on {@code day} (its local date). */
    public static DossierCode of(String officeId, LocalDate day, int sequence) {
        return new DossierCode(officeId, String.format("%02d%02d%02d", day.getYear() % 100, day.getMonthValue(),
                day.getDayOfMonth()), sequence);
    }

    /** The code written as {@code text}, or empty when it is not one (a lookup of it can then only miss). */
    public static Optional<DossierCode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = CODE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String office = m.group(1);
        String day = m.group(2);
        String number = m.group(3);
        if (office.length() > MAX_OFFICE_LENGTH || !OFFICE.matcher(office).matches() || !isDay(day)
                || (number.length() > 4 && number.charAt(0) == '0')) {
            return Optional.empty();
        }
        int sequence = Integer.parseInt(number);
        return sequence < 1 ? Optional.empty() : Optional.of(new DossierCode(office, day, sequence));
    }

    /** True when the code was given on {@code day} (compared as the code writes it: year without century). */
    public boolean receivedOn(LocalDate day) {
        return of(officeId, day, sequence).equals(this);
    }

    /** The wire form: {@code H49.17-240312-0007}. */
    @Override
    public String toString() {
        return officeId + "-" + receiptDay + "-" + String.format("%04d", sequence);
    }

    /** A real month and day of some century: checked in 2000-2099 (2000 is a leap year: 29 February of 00 is real). */
    private static boolean isDay(String yyMMdd) {
        if (yyMMdd.length() != 6 || !yyMMdd.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        try {
            LocalDate.of(2000 + Integer.parseInt(yyMMdd.substring(0, 2)), Integer.parseInt(yyMMdd.substring(2, 4)),
                    Integer.parseInt(yyMMdd.substring(4, 6)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
