package vn.motcua.events;

/** A resolution measured against the statutory due date (DOMAIN.md, "Timeliness"). */
public enum Timeliness { EARLY, ON_TIME, LATE }
