package vn.motcua.events;

/** The decision on a dossier; either resolves it. */
public enum Outcome { APPROVED, REFUSED }
