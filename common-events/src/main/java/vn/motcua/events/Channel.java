package vn.motcua.events;

/** How a dossier reached the one-stop desk. */
public enum Channel { IN_PERSON, ONLINE, POSTAL }
