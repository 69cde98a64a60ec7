package vn.motcua.reporting.rebuild;

/** How a rebuild's steps report where they are (the job turns it into its {@link RebuildStatus}). */
@FunctionalInterface
interface Progress {
    void report(RebuildState state, long events, long lag);
}
