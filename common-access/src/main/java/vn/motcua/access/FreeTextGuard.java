package vn.motcua.access;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Free text that goes on a topic ({@code reason}, {@code note}, {@code responsibleUnit}) must not carry an
 * applicant's ID-card number (9 or 12 digits) or phone number (Decree 13/2023; the contract refuses them with a
 * 422 naming the field). Digits grouped by spaces, dots or dashes count as one number, as people write them.
 */
public final class FreeTextGuard {
    /** Digit runs, optionally grouped by single separators, optionally after a +. */
    private static final Pattern NUMBER = Pattern.compile("\\+?\\d+(?:[ .\\-]\\d+)*");

    /** An amount with thousands separators: 1 to 3 digits (not a leading 0), then groups of three. */
    private static final Pattern AMOUNT = Pattern.compile("[1-9]\\d{0,2}(?:[.,]\\d{3})+");

    private FreeTextGuard() {
    }

    /** True when the text holds something that reads as an ID-card or phone number. */
    public static boolean containsPersonalNumber(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            if (AMOUNT.matcher(m.group()).matches()) {
                continue; // 100.000.000 đồng is a fee, not a CMND
            }
            if (personal(m.group())) {
                return true;
            }
            // A grouped run may hide a number in one of its groups ("mã 2024 0912345678").
            for (String group : m.group().split("[ .\\-]")) {
                if (personal(group)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean personal(String run) {
        boolean plus = run.startsWith("+");
        String digits = run.replaceAll("\\D", "");
        int n = digits.length();
        if (plus || digits.startsWith("84") && n == 11) {
            return digits.startsWith("84") && (n == 11 || n == 12); // +84 then 9 or 10 digits
        }
        if (n == 9 || n == 12) {
            return true; // CMND (9) or CCCD (12)
        }
        return (n == 10 || n == 11) && digits.charAt(0) == '0'; // mobile 0xxxxxxxxx, landline 02xxxxxxxxx
    }
}
