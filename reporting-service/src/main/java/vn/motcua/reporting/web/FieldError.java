package vn.motcua.reporting.web;

import io.micronaut.serde.annotation.Serdeable;

/** One invalid input: which field, and what is wrong with it. */
@Serdeable
public record FieldError(String field, String message) {
}
