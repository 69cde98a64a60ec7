package vn.motcua.workflow.history;

/** Why a line was rejected: its number in the body (1-based, blank lines counted), the field, the rule. */
public record LineError(long line, String field, String message) {
}
