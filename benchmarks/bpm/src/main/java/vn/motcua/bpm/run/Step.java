package vn.motcua.bpm.run;

/** The steps of one dossier's life that both sides perform and the benchmark times. */
public enum Step {
    RECEIVE, TRANSFER, RESOLVE, RETURN
}
