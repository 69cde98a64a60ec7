package vn.motcua.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Drives a realistic stream of dossiers through the public API, as the desks of the seeds' offices would: all
 * channels, transfers between units, supplements, a few late ones with apology letters, withdrawals, postal
 * returns. Receipts are spread over the last four months with their real times, so the reports show a history,
 * and every later step happens at a plausible instant after the previous one, never in the future.
 */
public final class DemoDriver {
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final List<String> UNITS = List.of("Phòng Tư pháp", "Phòng Tài nguyên và Môi trường",
            "Phòng Quản lý đô thị", "Phòng Tài chính - Kế hoạch", "Văn phòng đăng ký đất đai");
    private static final List<String> NAMES = List.of("Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường",
            "Phạm Thị Dung", "Hoàng Văn Em", "Võ Thị Giang", "Đặng Minh Hải", "Bùi Thị Hoa");

    private final String intake;
    private final String workflow;
    private final List<JsonNode> offices;
    private final List<JsonNode> procedures;
    private final int dossiers;
    private final Api api;
    private final Instant now = Instant.now();
    private final Map<String, AtomicInteger> counts = new LinkedHashMap<>();
    private final AtomicReference<String> firstRefusal = new AtomicReference<>();

    /** {@code authorization}: the bearer of a client that may receive and act everywhere (clerk, officer, "*"). */
    public DemoDriver(String intakeUrl, String workflowUrl, CatalogueLoader.Catalogue catalogue, int dossiers,
                      Supplier<String> authorization) {
        this.api = new Api(authorization);
        this.intake = intakeUrl;
        this.workflow = workflowUrl;
        // Dossiers are filed at district and commune desks, where the seeds' offices receive them.
        this.offices = catalogue.offices().stream().filter(o -> !o.get("level").asText().equals("PROVINCE")).toList();
        this.procedures = catalogue.procedures();
        this.dossiers = dossiers;
        for (String name : List.of("received", "transferred", "supplemented", "resolved", "late", "apologised",
                "returned", "withdrawn", "refused-by-api")) {
            counts.put(name, new AtomicInteger());
        }
    }

    public void run(int threads) throws InterruptedException {
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
        progress.scheduleAtFixedRate(this::printProgress, 1, 1, TimeUnit.SECONDS);
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        for (int t = 0; t < threads; t++) {
            long seed = 20_200_122L + t;
            workers.submit(() -> {
                Random random = new Random(seed);
                // Receive a handful, then process them: by then workflow has read most from Kafka.
                for (int chunk = take(next, CHUNK); chunk > 0; chunk = take(next, CHUNK)) {
                    try {
                        List<Received> received = new ArrayList<>();
                        for (int i = 0; i < chunk; i++) {
                            receive(random).ifPresent(received::add);
                        }
                        for (Received dossier : received) {
                            lifecycle(dossier.id(), dossier.receivedAt(), dossier.dueAt(), random);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        refused("error: " + e.getMessage());
                    }
                }
            });
        }
        workers.shutdown();
        workers.awaitTermination(1, TimeUnit.HOURS);
        progress.shutdownNow();
        printProgress();
        System.out.println();
        if (firstRefusal.get() != null) {
            System.out.println("demo: first refused step: " + firstRefusal.get());
        }
    }

    private static final int CHUNK = 20;

    private record Received(String id, Instant receivedAt, Instant dueAt) {
    }

    private int take(AtomicInteger next, int wanted) {
        int from = next.getAndAdd(wanted);
        return Math.max(0, Math.min(wanted, dossiers - from));
    }

    private Optional<Received> receive(Random random) throws Exception {
        JsonNode office = offices.get(random.nextInt(offices.size()));
        JsonNode procedure = procedures.get(random.nextInt(procedures.size()));
        Instant receivedAt = workingInstant(now.minus(Duration.ofDays(1 + random.nextInt(120))), random);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("officeId", office.get("officeId").asText());
        body.put("procedureCode", procedure.get("code").asText());
        body.put("channel", channel(procedure, random));
        body.put("receivedAt", receivedAt.toString());
        body.put("applicant", Map.of("fullName", NAMES.get(random.nextInt(NAMES.size()))));
        Api.Answer received = api.send("POST", intake + "/api/v1/dossiers", body);
        if (!received.ok()) {
            refused("receipt " + received.status() + " " + received.body());
            return Optional.empty();
        }
        counts.get("received").incrementAndGet();
        return Optional.of(new Received(received.body().get("dossierId").asText(), receivedAt,
                Instant.parse(received.body().get("dueAt").asText())));
    }

    /** One of the paths DOMAIN.md describes; steps that would lie in the future are left for later. */
    private void lifecycle(String id, Instant receivedAt, Instant dueAt, Random random) throws Exception {
        String dossier = workflow + "/api/v1/dossiers/" + id;
        awaitKnown(dossier);
        double path = random.nextDouble();
        Instant at = receivedAt.plus(Duration.ofMinutes(30));
        if (path < 0.03) {
            step(dossier + "/withdrawal", Map.of("reason", "người nộp rút hồ sơ", "at", at), "withdrawn");
            return;
        }
        if (!step(dossier + "/transfers", Map.of("toUnit", UNITS.get(random.nextInt(UNITS.size())), "at", at),
                "transferred")) {
            return;
        }
        if (path < 0.12) {
            at = at.plus(Duration.ofHours(2));
            if (!step(dossier + "/supplement-requests", Map.of("reason", "thiếu bản sao giấy tờ", "at", at), null)) {
                return;
            }
            at = at.plus(Duration.ofDays(2));
            Api.Answer supplemented = stepAnswer(dossier + "/supplements", Map.of("at", at), "supplemented");
            if (supplemented == null) {
                return;
            }
            dueAt = Instant.parse(supplemented.body().get("dueAt").asText());
        }
        Instant resolveAt;
        if (path > 0.92) {
            // Late: the unit sees it coming, apologises with a new appointment, and resolves after the due date.
            Instant letterAt = max(at.plus(Duration.ofMinutes(10)), dueAt.minus(Duration.ofDays(2)));
            step(dossier + "/apology-letters", Map.of("reason", "chờ kết quả xác minh liên thông",
                    "newDueAt", dueAt.plus(Duration.ofDays(5)), "responsibleUnit", "Phòng Tài nguyên và Môi trường",
                    "at", letterAt), "apologised");
            resolveAt = dueAt.plus(Duration.ofHours(20 + random.nextInt(60)));
            counts.get("late").incrementAndGet();
        } else {
            long window = Math.max(60, Duration.between(at, dueAt).toMinutes());
            resolveAt = at.plus(Duration.ofMinutes(30 + random.nextLong(window)));
            resolveAt = resolveAt.isAfter(dueAt) ? dueAt : resolveAt;
        }
        String outcome = random.nextDouble() < 0.04 ? "REFUSED" : "APPROVED";
        Map<String, Object> resolution = new LinkedHashMap<>();
        resolution.put("outcome", outcome);
        resolution.put("at", resolveAt);
        if (outcome.equals("REFUSED")) {
            resolution.put("reason", "hồ sơ không đủ điều kiện theo quy định");
        }
        if (!step(dossier + "/resolution", resolution, "resolved")) {
            return;
        }
        String method = random.nextDouble() < 0.15 ? "POSTAL" : random.nextDouble() < 0.3 ? "ONLINE" : "IN_PERSON";
        step(dossier + "/return", Map.of("method", method, "at", resolveAt.plus(Duration.ofHours(2))), "returned");
    }

    private boolean step(String url, Map<String, Object> body, String counter) throws Exception {
        return stepAnswer(url, body, counter) != null;
    }

    private Api.Answer stepAnswer(String url, Map<String, Object> body, String counter) throws Exception {
        Instant at = (Instant) body.get("at");
        if (at.isAfter(now)) {
            return null; // not happened yet: the dossier stays in progress, as recent ones do
        }
        Map<String, Object> json = new LinkedHashMap<>(body);
        json.replaceAll((key, value) -> value instanceof Instant instant ? instant.toString() : value);
        Api.Answer answer = api.send("POST", url, json);
        if (!answer.ok()) {
            refused(url.substring(url.lastIndexOf('/') + 1) + " " + answer.status() + " " + answer.body());
            return null;
        }
        if (counter != null) {
            counts.get(counter).incrementAndGet();
        }
        return answer;
    }

    /** Workflow learns of a dossier from Kafka, a moment after intake answered. */
    private void awaitKnown(String dossier) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (api.send("GET", dossier, null).status() == 404 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }

    private static String channel(JsonNode procedure, Random random) {
        boolean online = !procedure.get("onlineMode").asText().equals("NONE");
        double r = random.nextDouble();
        if (online && r < 0.37) {
            return "ONLINE";
        }
        if (procedure.get("postal").asBoolean() && r > 0.92) {
            return "POSTAL";
        }
        return "IN_PERSON";
    }

    /** A weekday between 07:30 and 16:30, when desks receive dossiers. */
    private static Instant workingInstant(Instant day, Random random) {
        LocalDate date = day.atZone(VIETNAM).toLocalDate();
        while (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
            date = date.minusDays(1);
        }
        LocalTime time = LocalTime.of(7, 30).plusMinutes(random.nextInt(9 * 60));
        return ZonedDateTime.of(date, time, VIETNAM).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private void refused(String what) {
        counts.get("refused-by-api").incrementAndGet();
        firstRefusal.compareAndSet(null, what);
    }

    private void printProgress() {
        StringBuilder line = new StringBuilder("\rdemo:");
        counts.forEach((name, count) -> line.append(' ').append(name).append(' ').append(count.get()));
        line.append(" of ").append(dossiers);
        System.out.print(line);
        System.out.flush();
    }
}
