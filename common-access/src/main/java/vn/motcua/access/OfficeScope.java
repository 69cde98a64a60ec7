package vn.motcua.access;

import java.util.Optional;

/**
 * The office rule of the contract: an office in the {@code offices} claim grants itself and every office below it
 * in the catalogue tree; {@code "*"} grants all. The tree decides, never the shape of the ids.
 */
public final class OfficeScope {
    /** Deeper than any real tree (province, department or district, commune): a cycle in bad data ends here. */
    private static final int MAX_DEPTH = 32;

    private OfficeScope() {
    }

    public static boolean grants(Caller caller, String officeId, OfficeTree tree) {
        if (caller.allOffices()) {
            return true;
        }
        if (officeId == null || caller.offices().isEmpty()) {
            return false;
        }
        String current = officeId;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (caller.offices().contains(current)) {
                return true;
            }
            Optional<String> parent = tree.parentOf(current);
            current = parent.orElse(null);
        }
        return false;
    }
}
