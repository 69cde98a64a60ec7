package vn.motcua.events;

/** Level of an office in the administrative tree: tỉnh, huyện, xã. */
public enum OfficeLevel { PROVINCE, DISTRICT, COMMUNE }
