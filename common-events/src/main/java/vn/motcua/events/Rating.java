package vn.motcua.events;

/** The citizen's rating of a returned dossier or an answered petition (Decision 766 satisfaction). */
public enum Rating { SATISFIED, NEUTRAL, DISSATISFIED }
