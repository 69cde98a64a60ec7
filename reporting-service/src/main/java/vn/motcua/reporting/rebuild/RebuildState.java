package vn.motcua.reporting.rebuild;

/** The life of a rebuild, in order (DONE or FAILED end it). */
public enum RebuildState {
    /** Never ran in this service's life. */
    IDLE,
    /** A fresh schema with the service's own migrations. */
    PREPARING,
    /** Reading the topics into the rebuild schema (bulk load, incremental replay, or the catch-up). */
    REPLAYING,
    /** Bulk path: building the indexes and keys dropped for the load; counters COPYed meanwhile. */
    INDEXING,
    /** Incremental path: deriving the counters from the replayed facts. */
    COUNTING,
    /** The live projector held still: the last records, then the tables swapped in. */
    SWAPPING,
    DONE,
    FAILED;

    public boolean running() {
        return this != IDLE && this != DONE && this != FAILED;
    }
}
