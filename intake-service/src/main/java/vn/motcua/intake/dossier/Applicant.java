package vn.motcua.intake.dossier;

import tools.jackson.databind.json.JsonMapper;

/**
 * Who applied. Personal data: stored in intake only and only sealed (see {@code personaldata}), never on Kafka,
 * never logged.
 */
public record Applicant(String fullName, String idNumber, String phone, String address) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The plaintext that gets sealed: the record as JSON. */
    byte[] toBytes() {
        return JSON.writeValueAsBytes(this);
    }

    static Applicant fromBytes(byte[] plaintext) {
        return JSON.readValue(plaintext, Applicant.class);
    }

    @Override
    public String toString() {
        return "Applicant[redacted]";
    }
}
