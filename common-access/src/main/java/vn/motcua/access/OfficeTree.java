package vn.motcua.access;

import java.util.Optional;

/** The catalogue's office tree as a service knows it (its own copy, from the catalogue topic or its tables). */
@FunctionalInterface
public interface OfficeTree {
    /** The parent of an office; empty for a root or an office the catalogue does not know. */
    Optional<String> parentOf(String officeId);
}
