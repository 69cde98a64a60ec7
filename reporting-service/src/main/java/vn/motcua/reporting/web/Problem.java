package vn.motcua.reporting.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import vn.motcua.access.AccessProblem;

/**
 * RFC 9457 problem details; {@code errors} names the offending fields of a validation error. Every {@code type}
 * is under {@link AccessProblem#TYPE_BASE}, the one vocabulary of all motcua services.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

}
