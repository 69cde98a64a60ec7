package vn.motcua.intake.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentCountsTest {
    @Test
    void counts_the_papers_the_digitised_and_the_reused() {
        assertThat(DocumentCounts.of(List.of(new SubmittedDocument("Đơn", 1, true, false),
                new SubmittedDocument("CCCD", 2, true, true), new SubmittedDocument("Sổ đỏ", 1, false, true),
                new SubmittedDocument("Bản vẽ", 3)))).isEqualTo(new DocumentCounts(4, 2, 2));
    }

    @Test
    void no_papers_count_zero() {
        assertThat(DocumentCounts.of(List.of())).isEqualTo(new DocumentCounts(0, 0, 0));
        assertThat(DocumentCounts.of(null)).isEqualTo(new DocumentCounts(0, 0, 0));
    }

    @Test
    void the_contract_event_carries_the_counts_never_the_papers() {
        var recorded = new DossierRecorded("d", "H49-240312-0001", "H49", "1.001612", "xây dựng",
                vn.motcua.events.Channel.IN_PERSON, true, java.math.BigDecimal.ONE,
                java.time.Instant.parse("2024-03-12T02:00:00Z"), java.time.Instant.parse("2024-03-13T02:00:00Z"),
                new byte[0], List.of(new SubmittedDocument("Đơn", 1, true, true), new SubmittedDocument("CCCD", 1)),
                null, java.time.Instant.parse("2024-03-12T02:00:00Z"), 0, false, null);
        var event = recorded.toContract();
        assertThat(event.documents()).isEqualTo(2);
        assertThat(event.digitisedDocuments()).isEqualTo(1);
        assertThat(event.reusedDocuments()).isEqualTo(1);
        assertThat(event.revision()).isZero();
    }
}
