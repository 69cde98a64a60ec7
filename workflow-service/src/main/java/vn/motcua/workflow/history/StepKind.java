package vn.motcua.workflow.history;

/** The steps a history line may hold: each is one of the workflow's HTTP commands, with its real time. */
public enum StepKind {
    TRANSFER, SUPPLEMENT_REQUEST, SUPPLEMENT, APOLOGY, PAYMENT, RESOLUTION, RETURN, WITHDRAWAL
}
