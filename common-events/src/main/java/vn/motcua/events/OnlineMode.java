package vn.motcua.events;

/** How far a procedure is offered online: toàn trình (FULL), một phần (PARTIAL), or not at all. */
public enum OnlineMode {
    NONE, PARTIAL, FULL;

    /** Counts in the denominator of the online rate (DOMAIN.md, "online rate"). */
    public boolean offeredOnline() {
        return this != NONE;
    }
}
