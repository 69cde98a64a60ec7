package vn.motcua.events;

/** How the result was handed to the applicant. */
public enum ReturnMethod { IN_PERSON, POSTAL, ONLINE }
