package vn.motcua.events;

/**
 * Level of an office in the administrative tree: tỉnh, huyện (until 2025), xã; and a provincial department
 * (sở, ngành) under its province. Decree 118/2025 trees have no districts: PROVINCE → DEPARTMENT / COMMUNE.
 */
public enum OfficeLevel { PROVINCE, DEPARTMENT, DISTRICT, COMMUNE }
