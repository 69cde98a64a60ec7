package vn.motcua.spring.security;

/** A request body that names the office it acts on; checked against the caller's scope before the controller. */
public interface OfficeScopedBody {
    String officeId();
}
