package vn.motcua.bpm.run;

import java.time.Duration;

/** One implementation of the dossier lifecycle: each call returns once that step is durably done. */
public interface Side extends AutoCloseable {

    String name();

    void receive(DossierPlan dossier) throws Exception;

    void transfer(String dossierId) throws Exception;

    void resolve(String dossierId) throws Exception;

    void returnResult(String dossierId) throws Exception;

    /** CPU time used so far by the process(es) that run this side's engine, not counting PostgreSQL. */
    Duration engineCpu();

    /** The PostgreSQL database holding everything this side writes. */
    String database();

    default void run(Step step, DossierPlan dossier) throws Exception {
        switch (step) {
            case RECEIVE -> receive(dossier);
            case TRANSFER -> transfer(dossier.dossierId());
            case RESOLVE -> resolve(dossier.dossierId());
            case RETURN -> returnResult(dossier.dossierId());
        }
    }

    @Override
    void close();
}
