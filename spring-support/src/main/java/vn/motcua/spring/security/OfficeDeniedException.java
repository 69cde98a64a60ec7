package vn.motcua.spring.security;

import org.springframework.security.access.AccessDeniedException;

/** A refusal because the office is outside the caller's scope (403 naming the office). */
public class OfficeDeniedException extends AccessDeniedException {
    private final String officeId;

    public OfficeDeniedException(String officeId) {
        super("office " + officeId + " is outside the caller's offices");
        this.officeId = officeId;
    }

    public String officeId() {
        return officeId;
    }
}
