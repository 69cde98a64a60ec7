package vn.motcua.spring.web;

/** One entry of a problem's {@code errors} list: which input field, and what is wrong with it. */
public record FieldProblem(String field, String message) {
}
