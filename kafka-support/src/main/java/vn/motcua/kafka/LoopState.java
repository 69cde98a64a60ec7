package vn.motcua.kafka;

/** The life of a {@link ConsumerLoop}. */
public enum LoopState {
    /** Polling, handling and committing normally. */
    RUNNING,
    /** A failure happened and has not been overcome yet: the loop is pausing or retrying. */
    BACKING_OFF,
    /** Not started, or stopped for good by {@link ConsumerLoop#close()}. */
    STOPPED
}
