package vn.motcua.intake.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.intake.support.Concurrently.concurrently;
import static vn.motcua.intake.support.Problems.assertProblem;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.motcua.events.Channel;
import vn.motcua.intake.dossier.DossierReceiptService.Answer;
import vn.motcua.intake.dossier.DossierReceiptService.Submission;
import vn.motcua.intake.infra.InputRejectedException;
import vn.motcua.intake.support.Fixtures;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import tools.jackson.databind.JsonNode;
import vn.motcua.intake.support.IntakeIntegrationBase;

/** Concurrent receipts are committed together, yet every request gets exactly the answer it would have alone. */
class ReceiptGroupCommitIT extends IntakeIntegrationBase {
    private static final String DAY = "2024-03-13T10:00:00+07:00";

    @Autowired
    DossierReceiptService receipts;

    /** One request of the burst and what it must get. */
    private record Call(String body, Map<String, String> headers, String kind) {
    }

    @Test
    void aBurstOfReceiptsGetsEveryAnswerRightAndTheSequenceHasNoGapOrRepeat() throws Exception {
        JsonHttp<JsonNode> api = api();
        String office = Fixtures.newOffice(api);
        String postal = Fixtures.newProcedure(api, "1", "FULL", true);
        String counterOnly = Fixtures.newProcedure(api, "1", "NONE", false);
        // a dossier received before the burst, repeated during it
        Map<String, String> earlierKey = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        Reply<JsonNode> earlier = api.post("/api/v1/dossiers",
                Fixtures.json(DossierReceiptIT.dossier(office, postal, "ONLINE", DAY)), earlierKey);
        assertThat(earlier.status()).isEqualTo(201);

        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(new Call(Fixtures.json(DossierReceiptIT.dossier(office, postal, "IN_PERSON", DAY)), Map.of(), "new"));
        }
        String keyedBody = Fixtures.json(DossierReceiptIT.dossier(office, postal, "ONLINE", DAY));
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        for (int i = 0; i < 8; i++) {
            calls.add(new Call(keyedBody, key, "keyed"));
        }
        Map<String, Object> withRef = DossierReceiptIT.dossier(office, postal, "POSTAL", DAY);
        withRef.put("externalRef", "VNPOST-" + UUID.randomUUID());
        for (int i = 0; i < 6; i++) {
            calls.add(new Call(Fixtures.json(withRef), Map.of(), "ref"));
        }
        for (int i = 0; i < 4; i++) {
            calls.add(new Call(Fixtures.json(DossierReceiptIT.dossier(office, postal, "ONLINE", DAY)), earlierKey,
                    "earlier"));
        }
        for (int i = 0; i < 3; i++) {
            calls.add(new Call(Fixtures.json(DossierReceiptIT.dossier(office, counterOnly, "POSTAL", DAY)), Map.of(),
                    "channel"));
        }
        String future = OffsetDateTime.now().plusDays(1).toString();
        calls.add(new Call(Fixtures.json(DossierReceiptIT.dossier(office, postal, "IN_PERSON", future)), Map.of(),
                "future"));
        // bad input with a fresh key: refused, and the key stays unclaimed
        calls.add(new Call(Fixtures.json(DossierReceiptIT.dossier(office, postal, "ONLINE", future)),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()), "future"));
        calls.add(new Call(Fixtures.json(DossierReceiptIT.dossier("NO.SUCH." + office, postal, "ONLINE", DAY)), Map.of(),
                "office"));
        Collections.shuffle(calls);

        AtomicInteger next = new AtomicInteger();
        List<Map.Entry<Call, Reply<JsonNode>>> answers = concurrently(calls.size(), () -> {
            Call call = calls.get(next.getAndIncrement());
            return Map.entry(call, api.post("/api/v1/dossiers", call.body(), call.headers()));
        });

        Map<String, List<Reply<JsonNode>>> byKind = new HashMap<>();
        answers.forEach(e -> byKind.computeIfAbsent(e.getKey().kind(), k -> new ArrayList<>()).add(e.getValue()));
        assertThat(byKind.get("new")).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(201));
        for (String racing : List.of("keyed", "ref")) {
            List<Reply<JsonNode>> twins = byKind.get(racing);
            assertThat(twins).extracting(Reply::status).containsOnly(200, 201);
            assertThat(twins).filteredOn(r -> r.status() == 201).hasSize(1);
            // one body for all, but only the 201 shows the lookup PIN (shown once)
            assertThat(twins).extracting(DossierReceiptIT::withoutPin)
                    .containsOnly(DossierReceiptIT.withoutPin(twins.get(0)));
            assertThat(twins).filteredOn(r -> r.json().has("lookupPin")).hasSize(1);
        }
        assertThat(byKind.get("earlier")).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json()).isEqualTo(DossierReceiptIT.withoutPin(earlier));
        });
        byKind.get("channel").forEach(r -> assertProblem(r, 422, "channel"));
        byKind.get("future").forEach(r -> assertProblem(r, 400, "receivedAt"));
        byKind.get("office").forEach(r -> assertProblem(r, 422, "officeId"));

        // 1 before + 40 new + 1 keyed + 1 by reference: numbers 1..43 of the day, each once, each as answered
        List<String> codes = jdbc.queryForList("SELECT code FROM dossier WHERE office_id = ? ORDER BY code",
                String.class, office);
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= 43; n++) {
            expected.add(String.format("%s-240313-%04d", office, n));
        }
        assertThat(codes).containsExactlyElementsOf(expected);
        List<String> answered = new ArrayList<>();
        answered.add(earlier.json().get("code").asString());
        answers.stream().map(Map.Entry::getValue).filter(r -> r.status() == 201).forEach(r -> {
            answered.add(r.json().get("code").asString());
            assertThat(api.get("/api/v1/dossiers/" + r.json().get("dossierId").asString()).json().get("code").asString()).isEqualTo(r.json().get("code").asString());
        });
        assertThat(answered).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aGroupAnswersARepeatWithinItselfWithTheFirstDossierAndKeepsEachRejectionItsOwn() {
        JsonHttp<JsonNode> api = api();
        String office = Fixtures.newOffice(api);
        String procedure = Fixtures.newProcedure(api, "1", "FULL", false);
        Instant day = OffsetDateTime.parse(DAY).toInstant();
        Submission fresh = submission(office, procedure, Channel.IN_PERSON, day, null);
        Submission keyed = submission(office, procedure, Channel.ONLINE, day, "k-" + UUID.randomUUID());
        Submission postal = submission(office, procedure, Channel.POSTAL, day, null);

        List<Answer> answers = receipts.receiveGroup(List.of(keyed, fresh, keyed, postal, fresh, keyed));

        assertThat(answers.get(0).outcome().created()).isTrue();
        assertThat(answers.get(2).outcome().created()).isFalse();
        assertThat(answers.get(5).outcome().created()).isFalse();
        assertThat(answers.get(2).outcome().receipt()).isEqualTo(answers.get(0).outcome().receipt());
        assertThat(answers.get(5).outcome().receipt()).isEqualTo(answers.get(0).outcome().receipt());
        assertThat(answers.get(1).outcome().created()).isTrue();
        assertThat(answers.get(4).outcome().created()).isTrue();
        assertThat(answers.get(3).failure()).isInstanceOf(InputRejectedException.class);
        assertThat(((InputRejectedException) answers.get(3).failure()).problems().get(0).field()).isEqualTo("channel");
        assertThat(List.of(answers.get(0), answers.get(1), answers.get(4)))
                .extracting(a -> a.outcome().receipt().code())
                .containsExactlyInAnyOrder(office + "-240313-0001", office + "-240313-0002", office + "-240313-0003");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier WHERE office_id = ?", Integer.class, office))
                .isEqualTo(3);
    }

    /**
     * The point of grouping: one transaction (one commit, one fsync) for the group's dossiers, keyed and unkeyed
     * alike. A group that fails falls back to one transaction per receipt with the same answers, so only the rows'
     * writing transaction ({@code xmin}) shows that the group itself went through.
     */
    @Test
    void aGroupOfKeyedAndUnkeyedReceiptsIsWrittenInOneTransaction() {
        JsonHttp<JsonNode> api = api();
        String office = Fixtures.newOffice(api);
        String procedure = Fixtures.newProcedure(api, "1", "FULL", false);
        Instant day = OffsetDateTime.parse(DAY).toInstant();
        List<Submission> group = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Submission keyed = submission(office, procedure, Channel.ONLINE, day, "k-" + UUID.randomUUID());
            // As over HTTP: a keyed request carries its body's fingerprint.
            group.add(new Submission(keyed.officeId(), keyed.procedureCode(), keyed.channel(), keyed.receivedAt(),
                    keyed.applicant(), keyed.documents(), null, keyed.idempotencyKey(), keyed.actor(),
                    UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), null));
            group.add(submission(office, procedure, Channel.IN_PERSON, day, null));
        }

        List<Answer> answers = receipts.receiveGroup(group);

        assertThat(answers).allSatisfy(a -> assertThat(a.outcome().created()).isTrue());
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT xmin::text) FROM dossier WHERE office_id = ?",
                Integer.class, office)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT xmin::text) FROM receipt_claim WHERE office_id = ?",
                Integer.class, office)).isEqualTo(1);
    }

    private static Submission submission(String office, String procedure, Channel channel, Instant at, String key) {
        return new Submission(office, procedure, channel, at, new Applicant("Trần Thị Bình", "079301009999",
                "0912345678", "5 Trần Phú, Vũng Tàu"), List.of(new SubmittedDocument("Tờ khai", 1)), null, key,
                "test-clerk", null, null);
    }
}
