package vn.motcua.reporting.web;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problem+json errors every operation of an API controller can answer, for the OpenAPI document (written by
 * micronaut-openapi at compile time), put once on the controller class rather than on each method: 400 for bad
 * query input (the problem's {@code errors} name the field), 401 and 403 from {@code access.AccessTable}, 404 for an
 * unknown office, 503 when the database is unreachable. Never 500.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ApiResponse(responseCode = "400", description = "bad query input: the problem's `errors` name each field",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = "no bearer token, or one that is not valid "
        + "(`WWW-Authenticate: Bearer`, with `error=\"invalid_token\"` for a refused token)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "a role the caller lacks, or an office outside the token's offices",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "404", description = "unknown office",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "503", description = "the database is unreachable; retry after `Retry-After` seconds",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public @interface ContractErrors {
}
