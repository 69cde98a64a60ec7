package vn.motcua.workflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import vn.motcua.events.Channel;
import vn.motcua.events.CloudEventsCodec;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.LookupPin;
import vn.motcua.workflow.deadline.DeadlineWatcher;
import vn.motcua.workflow.lookup.LookupRateLimiter;
import vn.motcua.testsupport.JsonHttp.Reply;

/**
 * Contract 1.1, issue 14 in workflow: the officers' dossier list and by-code, the citizens' public lookup, and the
 * history import, over the real broker and database.
 */
class SearchLookupHistoryIT extends WorkflowIntegrationTestBase {
    private static final String DUE_SOON = "vn.motcua.dossier.due-soon.v1";
    private static final String OVERDUE = "vn.motcua.dossier.overdue.v1";
    /** Lines of the bulk import (1,000 by default: HistoryImportVolumeIT imports the issue's 100,000). */
    private static final int BULK = Integer.getInteger("history.it.lines", 1_000);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LookupRateLimiter limiter;
    @Autowired
    DeadlineWatcher watcher;

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    /** A receipt as intake publishes it since contract 1.1: code, externalRef and the PIN's verifier. */
    static DossierReceived receipt(String id, String code, String office, Instant receivedAt, Instant dueAt,
                                   String externalRef, String verifier) {
        return new DossierReceived(id, code, office, "1.001612", "Đất đai", Channel.IN_PERSON, true,
                new BigDecimal("3"), receivedAt, dueAt, externalRef, 0, 2, 0, 0, 0, false, verifier);
    }

    private void open(DossierReceived received) throws Exception {
        publishIntake(EventEnvelope.of(UUID.randomUUID(), "/motcua/intake", received));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/dossiers/" + received.dossierId()),
                r -> r.status() == 200);
    }

    // ---- the dossier list and by-code ------------------------------------------------------------------------

    @Test
    void listsAnOfficeOrItsSubtreeByStatusAndOverdueNewestFirstInPages() throws Exception {
        String r = run();
        String province = "LP" + r;
        String commune = "LC" + r;
        String other = "LO" + r;
        registerOffices(province, null, commune, province, other, province);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> communeIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = newDossierId(commune);
            communeIds.add(id);
            // The last one is already overdue (due an hour ago).
            open(receipt(id, "CODE-" + id, commune, now.minus(Duration.ofHours(10 - i)),
                    i == 2 ? now.minus(Duration.ofHours(1)) : now.plus(Duration.ofDays(3)), null, null));
        }
        String inOther = newDossierId(other);
        open(receipt(inOther, "CODE-" + inOther, other, now.minus(Duration.ofHours(20)), now.plus(Duration.ofDays(2)),
                null, null));
        String inProvince = newDossierId(province);
        open(receipt(inProvince, "CODE-" + inProvince, province, now.minus(Duration.ofHours(30)),
                now.plus(Duration.ofDays(2)), null, null));
        assertThat(post("/api/v1/dossiers/" + communeIds.get(0) + "/transfers", "{\"toUnit\":\"Phòng TN-MT\"}")
                .status()).isEqualTo(200);

        JsonNode page = list("?officeId=" + commune);
        assertThat(page.path("total").asLong()).isEqualTo(3);
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(20);
        assertThat(ids(page)).containsExactly(communeIds.get(2), communeIds.get(1), communeIds.get(0));
        JsonNode first = page.path("items").get(2);
        assertThat(first.path("code").asString()).isEqualTo("CODE-" + communeIds.get(0));
        assertThat(first.path("status").asString()).isEqualTo("IN_PROCESS");
        assertThat(first.path("currentUnit").asString()).isEqualTo("Phòng TN-MT");
        assertThat(first.path("officeId").asString()).isEqualTo(commune);
        assertThat(first.has("dueAt")).isTrue();
        assertThat(first.has("receivedAt")).isTrue();

        JsonNode p0 = list("?officeId=" + commune + "&page=0&size=2");
        JsonNode p1 = list("?officeId=" + commune + "&page=1&size=2");
        assertThat(ids(p0)).containsExactly(communeIds.get(2), communeIds.get(1));
        assertThat(ids(p1)).containsExactly(communeIds.get(0));
        assertThat(p1.path("total").asLong()).isEqualTo(3);
        assertThat(p1.path("page").asInt()).isEqualTo(1);

        assertThat(ids(list("?officeId=" + province + "&scope=subtree")))
                .containsExactly(communeIds.get(2), communeIds.get(1), communeIds.get(0), inOther, inProvince);
        assertThat(ids(list("?officeId=" + province + "&scope=subtree&page=1&size=2")))
                .containsExactly(communeIds.get(0), inOther);
        assertThat(ids(list("?officeId=" + province + "&scope=self"))).containsExactly(inProvince);
        assertThat(ids(list("?officeId=" + commune + "&status=IN_PROCESS"))).containsExactly(communeIds.get(0));
        assertThat(ids(list("?officeId=" + province + "&scope=subtree&overdue=true")))
                .containsExactly(communeIds.get(2));
        assertThat(list("?officeId=" + province + "&scope=subtree&overdue=false").path("total").asLong())
                .isEqualTo(4);
        assertThat(list("?officeId=" + province + "&scope=subtree&status=RECEIVED&overdue=true").path("total")
                .asLong()).isEqualTo(1);
        // open and on time: read by due date, listed newest first all the same, in pages
        JsonNode onTime = list("?officeId=" + province + "&scope=subtree&status=RECEIVED&overdue=false");
        assertThat(ids(onTime)).containsExactly(communeIds.get(1), inOther, inProvince);
        assertThat(onTime.path("total").asLong()).isEqualTo(3);
        assertThat(ids(list("?officeId=" + province + "&scope=subtree&status=RECEIVED&overdue=false&page=1&size=1")))
                .containsExactly(inOther);
        assertThat(ids(list("?officeId=" + commune + "&status=IN_PROCESS&overdue=false")))
                .containsExactly(communeIds.get(0));

        // An officer of the other commune: the list of this one is refused; the subtree of its own is its own.
        String otherOfficer = ISSUER.bearer("officer-other", List.of("officer"), List.of(other));
        assertProblem(get("/api/v1/dossiers?officeId=" + commune, otherOfficer), 403, null);
        assertThat(ids(get("/api/v1/dossiers?officeId=" + other + "&scope=subtree", otherOfficer).json()))
                .containsExactly(inOther);

        // By the code printed on the slip: the same body as by id.
        Reply<JsonNode> byCode = get("/api/v1/dossiers/by-code/CODE-" + communeIds.get(1));
        assertThat(byCode.status()).isEqualTo(200);
        assertThat(byCode.json()).isEqualTo(get("/api/v1/dossiers/" + communeIds.get(1)).json());
        assertProblem(get("/api/v1/dossiers/by-code/CODE-" + communeIds.get(1), otherOfficer), 403, null);
        assertProblem(get("/api/v1/dossiers/by-code/NO-SUCH-CODE-" + r), 404, null);

        // Bad input: 400 naming the parameter.
        assertProblem(get("/api/v1/dossiers"), 400, "officeId");
        assertProblem(get("/api/v1/dossiers?officeId=" + commune + "&scope=all"), 400, "scope");
        assertProblem(get("/api/v1/dossiers?officeId=" + commune + "&status=LOST"), 400, "status");
        assertProblem(get("/api/v1/dossiers?officeId=" + commune + "&overdue=maybe"), 400, "overdue");
        assertProblem(get("/api/v1/dossiers?officeId=" + commune + "&size=0"), 400, "size");
        assertProblem(get("/api/v1/dossiers?officeId=" + commune + "&size=101"), 400, "size");
        assertProblem(get("/api/v1/dossiers?officeId=" + commune + "&page=-1"), 400, "page");
        assertProblem(get("/api/v1/dossiers?officeId=" + commune + "&page=5000&size=100"), 400, "page");

        // The worklists page the same way, and say when truncated; `dossiers` stays for contract 1.0's clients.
        JsonNode overdue = get("/api/v1/worklists/" + commune + "?kind=overdue").json();
        assertThat(overdue.path("total").asLong()).isEqualTo(1);
        assertThat(overdue.path("truncated").asBoolean()).isFalse();
        assertThat(overdue.path("items")).isEqualTo(overdue.path("dossiers"));
        assertThat(overdue.path("items").get(0).path("code").asString()).isEqualTo("CODE-" + communeIds.get(2));
        String late = newDossierId(commune);
        open(receipt(late, "CODE-" + late, commune, now.minus(Duration.ofHours(9)), now.minus(Duration.ofHours(2)),
                null, null));
        JsonNode firstOfTwo = get("/api/v1/worklists/" + commune + "?kind=overdue&page=0&size=1").json();
        assertThat(firstOfTwo.path("items").size()).isEqualTo(1);
        assertThat(firstOfTwo.path("total").asLong()).isEqualTo(2);
        assertThat(firstOfTwo.path("truncated").asBoolean()).isTrue();
        assertThat(firstOfTwo.path("items").get(0).path("dossierId").asString()).isEqualTo(late);
        JsonNode secondOfTwo = get("/api/v1/worklists/" + commune + "?kind=overdue&page=1&size=1").json();
        assertThat(secondOfTwo.path("truncated").asBoolean()).isFalse();
        assertProblem(get("/api/v1/worklists/" + commune + "?kind=overdue&size=1001"), 400, "size");
    }

    private JsonNode list(String query) throws Exception {
        Reply<JsonNode> response = get("/api/v1/dossiers" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(i -> ids.add(i.path("dossierId").asString()));
        return ids;
    }

    // ---- the citizens' public lookup -------------------------------------------------------------------------

    @Test
    void theCitizensLookupAnswersTheRightPinOnlyAndLimitsTriesPerAddress() throws Exception {
        limiter.reset(); // other tests of this JVM may have tried from this address in the last minute
        String r = run();
        String office = "PL" + r;
        registerOffices(office, null);
        String id = newDossierId(office);
        String code = "PUB-" + r;
        String pin = LookupPin.generate();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        open(receipt(id, code, office, now.minus(Duration.ofHours(5)), now.plus(Duration.ofDays(4)), null,
                LookupPin.verifier(pin)));
        try {
            Reply<JsonNode> ok = get("/api/v1/public/dossiers/" + code + "?pin=" + pin, null); // 1: no token at all
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            assertThat(ok.json().path("code").asString()).isEqualTo(code);
            assertThat(ok.json().path("status").asString()).isEqualTo("RECEIVED");
            assertThat(Instant.parse(ok.json().path("receivedAt").asString())).isEqualTo(now.minus(Duration.ofHours(5)));
            assertThat(Instant.parse(ok.json().path("dueAt").asString())).isEqualTo(now.plus(Duration.ofDays(4)));
            assertThat(ok.json().path("officeName").asString()).isEqualTo("Office " + office);
            Set<String> fields = new java.util.TreeSet<>();
            ok.json().propertyNames().forEach(fields::add);
            assertThat(fields).as("no personal data, no internal ids")
                    .isSubsetOf("code", "status", "receivedAt", "dueAt", "rescheduledDueAt", "procedureName",
                            "officeName");
            assertThat(ok.body()).doesNotContain(id).doesNotContain(pin);
            // 2: as citizens type it.
            assertThat(get("/api/v1/public/dossiers/" + code + "?pin=" + pin.toLowerCase(), null).status())
                    .isEqualTo(200);

            String wrongPin = pin.equals("ABCD2345") ? "ABCD2346" : "ABCD2345";
            Reply<JsonNode> badPin = get("/api/v1/public/dossiers/" + code + "?pin=" + wrongPin, null); // 3
            Reply<JsonNode> badCode = get("/api/v1/public/dossiers/NOPE-" + r + "?pin=" + pin, null); // 4
            assertProblem(badPin, 404, null);
            assertProblem(badCode, 404, null);
            assertThat(badPin.body()).as("a wrong PIN and a wrong code answer alike")
                    .isEqualTo(badCode.body());

            assertProblem(get("/api/v1/public/dossiers/" + code + "?pin=123", null), 400, "pin"); // 5
            assertProblem(get("/api/v1/public/dossiers/" + code + "?pin=ABCD234I", null), 400, "pin"); // 6
            assertProblem(get("/api/v1/public/dossiers/" + code, null), 400, "pin"); // 7
            for (int i = 8; i <= 10; i++) {
                assertThat(get("/api/v1/public/dossiers/" + code + "?pin=" + pin, null).status()).isEqualTo(200);
            }
            Reply<JsonNode> eleventh = get("/api/v1/public/dossiers/" + code + "?pin=" + pin, null);
            assertProblem(eleventh, 429, null);
            long retryAfter = Long.parseLong(eleventh.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 60L);
        } finally {
            limiter.reset();
        }
    }

    // ---- the history import -----------------------------------------------------------------------------------

    @Test
    void importsHistoriesInBulkReportingBadLinesByLineAndField() throws Exception {
        String r = run();
        String office = "HB" + r;
        String foreign = "HF" + r;
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant received = now.minus(Duration.ofDays(2));
        Instant due = now.plus(Duration.ofDays(10)); // nothing to announce at opening
        List<String> ids = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> receipts = new ArrayList<>();
        for (int i = 0; i < BULK; i++) {
            String id = office + "-" + i;
            ids.add(id);
            receipts.add(CloudEventsCodec.encode(EventEnvelope.of(UUID.randomUUID(), "/motcua/intake",
                    receipt(id, "C-" + id, office, received, due, "EXT-" + i, null))));
        }
        String foreignId = foreign + "-0";
        receipts.add(CloudEventsCodec.encode(EventEnvelope.of(UUID.randomUUID(), "/motcua/intake",
                receipt(foreignId, "C-" + foreignId, foreign, received, due, null, null))));
        topics().publish(receipts);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM dossier_view WHERE office_id = ?", Long.class, office) == BULK);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/dossiers/" + foreignId).status() == 200);

        // Bad lines, by line number (1-based): each names its field; what they name is left untouched.
        Map<Integer, String> bad = new HashMap<>();
        String d = ids.get(0);
        bad.put(3, line(d, step("TRANSFER", now.minus(Duration.ofDays(3)), "\"toUnit\":\"Phòng A\"")));
        bad.put(10, "{\"dossierId\":\"NO-SUCH-" + r + "\",\"steps\":[" + step("SUPPLEMENT", now.minusSeconds(60), "")
                + "]}");
        bad.put(20, line(ids.get(1), step("SIGNATURE", now.minusSeconds(60), "")));
        bad.put(30, "{not json");
        bad.put(40, line(ids.get(2), step("TRANSFER", now.minus(Duration.ofHours(5)), "\"toUnit\":\"A\"") + ","
                + step("TRANSFER", now.minus(Duration.ofHours(6)), "\"toUnit\":\"B\"")));
        bad.put(50, line(ids.get(3), step("RETURN", now.minus(Duration.ofHours(5)), "\"method\":\"IN_PERSON\"")));
        bad.put(60, line(ids.get(4), step("TRANSFER", now.minus(Duration.ofHours(5)),
                "\"toUnit\":\"A\",\"note\":\"gọi 0912345678\"")));
        bad.put(70, line(ids.get(5), step("TRANSFER", now.plus(Duration.ofDays(1)), "\"toUnit\":\"A\"")));
        bad.put(80, line(foreignId, step("TRANSFER", now.minus(Duration.ofHours(5)), "\"toUnit\":\"A\"")));
        bad.put(90, line(ids.get(6), step("PAYMENT", now.minus(Duration.ofHours(5)), "\"amount\":1.5,\"online\":true")));
        bad.put(95, line(ids.get(7), step("RESOLUTION", now.minus(Duration.ofHours(5)), "\"outcome\":\"REFUSED\"")));
        Map<Integer, String> expectedField = Map.ofEntries(Map.entry(3, "steps[0].at"), Map.entry(10, "dossierId"),
                Map.entry(20, "steps[0].kind"), Map.entry(30, "line"), Map.entry(40, "steps[1].at"),
                Map.entry(50, "steps[0].kind"), Map.entry(60, "steps[0].note"), Map.entry(70, "steps[0].at"),
                Map.entry(80, "dossierId"), Map.entry(90, "steps[0].amount"), Map.entry(95, "steps[0].reason"));
        Set<String> untouched = Set.of(ids.get(0), ids.get(1), ids.get(2), ids.get(3), ids.get(4), ids.get(5),
                ids.get(6), ids.get(7), foreignId);

        StringBuilder body = new StringBuilder();
        int number = 0;
        int good = 0;
        for (int i = 8; i < BULK; i++) {
            number++;
            while (bad.containsKey(number)) {
                body.append(bad.get(number)).append('\n');
                number++;
            }
            String steps = step("TRANSFER", now.minus(Duration.ofDays(1)), "\"toUnit\":\"Phòng TN-MT\"") + ","
                    + step("RESOLUTION", now.minus(Duration.ofHours(12)), "\"outcome\":\"APPROVED\"") + ","
                    + step("RETURN", now.minus(Duration.ofHours(1)), "\"method\":\"IN_PERSON\"");
            // Half the lines name their dossier by the integrator's reference.
            body.append(i % 2 == 0 ? line(ids.get(i), steps)
                    : "{\"officeId\":\"" + office + "\",\"externalRef\":\"EXT-" + i + "\",\"steps\":[" + steps + "]}")
                    .append('\n');
            good++;
            if (i % 1000 == 0) {
                body.append('\n'); // blank lines are skipped, and still numbered
                number++;
            }
        }
        String officerOfTheOffice = ISSUER.bearer("importer", List.of("officer"), List.of(office));
        long started = System.nanoTime();
        Reply<JsonNode> response = sendExactly(HttpRequest.newBuilder(uri("/api/v1/imports/dossier-histories"))
                .header("Authorization", officerOfTheOffice).header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("history import IT: %d lines, %d steps in %.1f s (%.0f steps/s)%n", good, good * 3,
                seconds, good * 3 / seconds);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode summary = response.json();
        assertThat(summary.path("accepted").asLong()).isEqualTo(good);
        assertThat(summary.path("rejected").asLong()).isEqualTo(bad.size());
        assertThat(summary.path("lines").asLong()).isEqualTo(good + bad.size());
        Map<Integer, String> reported = new HashMap<>();
        summary.path("errors").forEach(e -> reported.put(e.path("line").asInt(), e.path("field").asString()));
        assertThat(reported).isEqualTo(expectedField);

        for (String id : untouched) {
            assertThat(steps(get("/api/v1/dossiers/" + id).json())).as(id).containsExactly("RECEIVED");
        }
        JsonNode imported = get("/api/v1/dossiers/" + ids.get(BULK - 1)).json();
        assertThat(imported.path("status").asString()).isEqualTo("RETURNED");
        assertThat(steps(imported)).containsExactly("RECEIVED", "TRANSFERRED", "RESOLVED", "RETURNED");
        assertThat(imported.path("history").get(1).path("by").asString()).isEqualTo("importer");
        assertThat(Instant.parse(imported.path("history").get(1).path("at").asString()))
                .isEqualTo(now.minus(Duration.ofDays(1)));
        // Imported steps keep their real time on the topic.
        var returned = awaitPublished(ofType(ids.get(BULK - 1), "vn.motcua.dossier.result-returned.v1"));
        assertThat(Instant.parse(header(returned, "ce_time"))).isEqualTo(now.minus(Duration.ofHours(1)));
    }

    @Test
    void pastInstantsAreNotAnnouncedButAStillOpenLateDossierIsOverdueOnce() throws Exception {
        String r = run();
        String office = "HP" + r;
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Received ten days ago and due in the future at opening: nothing to announce yet.
        String closed = newDossierId(office);
        String open = newDossierId(office);
        for (String id : List.of(closed, open)) {
            open(receipt(id, "C-" + id, office, now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(5)), null,
                    null));
        }
        // The supplement restarts the clock eight days ago: the new due date, and its due-soon instant, are past.
        String supplement = step("SUPPLEMENT_REQUEST", now.minus(Duration.ofDays(10)).plus(Duration.ofHours(1)),
                "\"reason\":\"thiếu bản đồ\"") + "," + step("SUPPLEMENT", now.minus(Duration.ofDays(8)), "");
        String body = line(closed, supplement + "," + step("RESOLUTION", now.minus(Duration.ofDays(1)),
                "\"outcome\":\"APPROVED\"")) + "\n" + line(open, supplement) + "\n";
        Reply<JsonNode> response = post("/api/v1/imports/dossier-histories", body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("accepted").asLong()).as(response.body()).isEqualTo(2);

        // The still-open late dossier is announced overdue, once; then everything the watcher would do, it did.
        awaitPublished(ofType(open, OVERDUE));
        awaitPublished(ofType(closed, "vn.motcua.dossier.resolved.v1"));
        long target = watcher.passes() + 3;
        await().atMost(Duration.ofSeconds(30)).until(() -> watcher.passes() >= target);
        awaitPublished(ofType(open, "vn.motcua.dossier.supplement-received.v1"));
        assertThat(types(open)).filteredOn(OVERDUE::equals).hasSize(1);
        assertThat(types(open)).doesNotContain(DUE_SOON);
        assertThat(types(closed)).doesNotContain(DUE_SOON, OVERDUE);
        assertThat(get("/api/v1/dossiers/" + closed).json().path("timeliness").asString()).isEqualTo("LATE");
        assertThat(stored(closed, "DossierDueSoon") + stored(closed, "DossierOverdue")
                + stored(open, "DossierDueSoon")).isZero();
        assertThat(stored(open, "DossierOverdue")).isEqualTo(1);
    }

    @Test
    void aHistoryStepBeforeTheReceiptRejectsItsLineAndWritesNothing() throws Exception {
        String r = run();
        String office = "HR" + r;
        String id = newDossierId(office);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        open(receipt(id, "C-" + id, office, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3)), "REF-" + r,
                null));
        String before = get("/api/v1/dossiers/" + id).json().toString();
        Reply<JsonNode> response = post("/api/v1/imports/dossier-histories", "{\"officeId\":\"" + office
                + "\",\"externalRef\":\"REF-" + r + "\",\"steps\":[" + step("TRANSFER", now.minus(Duration.ofDays(2)),
                "\"toUnit\":\"A\"") + "]}\n{\"officeId\":\"" + office + "\",\"externalRef\":\"NOPE\",\"steps\":["
                + step("SUPPLEMENT", now, "") + "]}\n{\"dossierId\":\"" + id + "\",\"steps\":[]}\n");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("rejected").asLong()).isEqualTo(3);
        assertThat(response.json().path("accepted").asLong()).isZero();
        JsonNode errors = response.json().path("errors");
        assertThat(errors.get(0).path("line").asInt()).isEqualTo(1);
        assertThat(errors.get(0).path("field").asString()).isEqualTo("steps[0].at");
        assertThat(errors.get(0).path("message").asString()).contains("receipt");
        assertThat(errors.get(1).path("field").asString()).isEqualTo("externalRef");
        assertThat(errors.get(2).path("field").asString()).isEqualTo("steps");
        assertThat(get("/api/v1/dossiers/" + id).json().toString()).isEqualTo(before);
        // A clerk may not import (officers only).
        assertProblem(post("/api/v1/imports/dossier-histories", "", ISSUER.bearer("clerk", List.of("clerk"),
                List.of("*"))), 403, null);
    }

    private List<String> types(String dossierId) {
        return publishedFor(dossierId).stream().map(rec -> header(rec, "ce_type")).toList();
    }

    private int stored(String dossierId, String eventType) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?""",
                Integer.class, dossierId, "%." + eventType);
    }

    private static String line(String dossierId, String steps) {
        return "{\"dossierId\":\"" + dossierId + "\",\"steps\":[" + steps + "]}";
    }

    private static String step(String kind, Instant at, String fields) {
        return "{\"kind\":\"" + kind + "\",\"at\":\"" + at + "\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
    }
}
