package vn.motcua.intake.dossier;

/** Who applied. Personal data: stored in intake only, never on Kafka, never logged. */
public record Applicant(String fullName, String idNumber, String phone, String address) {
    @Override
    public String toString() {
        return "Applicant[redacted]";
    }
}
