package vn.motcua.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.motcua.infra.ServiceProcess;
import vn.motcua.events.Channel;
import vn.motcua.events.CloudEventsCodec;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.DossierResolved;
import vn.motcua.events.DossierWithdrawn;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.MotcuaEvent;
import vn.motcua.events.OfficeLevel;
import vn.motcua.events.OfficeRegistered;
import vn.motcua.events.Outcome;
import vn.motcua.events.Timeliness;
import vn.motcua.events.TopicProvisioner;
import vn.motcua.infra.KafkaBroker;
import vn.motcua.infra.KafkaOptions;
import vn.motcua.infra.PostgresOptions;
import vn.motcua.infra.PostgresServer;
import vn.motcua.testsupport.Jackson2;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import vn.motcua.testsupport.TopicProbe;

/**
 * The analysts' console in a real headless Chromium: the reporting-service jar on embedded PostgreSQL and Kafka,
 * the real local OpenID Provider jar with an operator's identities file, events on the contract topics. An analyst
 * signs in through the provider's login form, picks a district and a standard month, and sees exactly the JSON
 * report's figures; a click on the late figure lists its dossiers page by page; the XLSX download holds the same
 * figures; an analyst of the neighbouring district is refused (403). Screenshots go to target/.
 */
class ConsoleBrowserIT {
    /** Small, quick-starting JVMs: the test drives a page, it measures nothing. */
    private static final List<String> JVM = List.of("-Xms64m", "-Xmx384m", "-XX:TieredStopAtLevel=1");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
    /** Full URLs: the provider and the service run on ports of their own. */
    private static final JsonHttp<JsonNode> HTTP = JsonHttp.at("", Jackson2::tree);
    private static final Duration START = Duration.ofSeconds(90);

    private static final String PROVINCE = "H96";
    private static final String DISTRICT = "H96.01";
    private static final String COMMUNE = "H96.01.01";
    private static final String NEIGHBOUR = "H96.02";
    /** Standard month 2024-03: 2024-02-15 to 2024-03-14 (the 15th-14th cut-off). */
    private static final String PERIOD = "2024-03";
    private static final String IDENTITIES = """
            {"clients": [{"clientId": "admin", "clientSecret": "console-admin-secret", "roles": ["admin"],
                          "offices": ["*"]}],
             "users": [
               {"username": "lan", "password": "lan-console-pw", "roles": ["analyst"], "offices": ["%s"]},
               {"username": "binh", "password": "binh-console-pw", "roles": ["analyst"], "offices": ["%s"]}]}
            """.formatted(DISTRICT, NEIGHBOUR);
    /** The figure columns of the form 06 sheet, in order (reporting's ReportXlsx.FIGURE_PATHS). */
    private static final List<String> SHEET_FIGURES = List.of("received.total", "received.carriedOver",
            "received.online", "received.inPerson", "received.postal", "resolved.total", "resolved.early",
            "resolved.onTime", "resolved.late", "withdrawn", "inProgress.total", "inProgress.withinDeadline",
            "inProgress.overdue", "inProgress.awaitingSupplement", "online.eligible", "online.submitted",
            "apologies.sent", "apologies.sentInTime", "apologies.lateWithoutLetter", "rates.resolved",
            "rates.onTime", "rates.online");
    private static final List<String> CARD_FIGURES = SHEET_FIGURES.stream()
            .filter(f -> !f.startsWith("rates.") && !f.equals("apologies.sentInTime")).toList();

    @TempDir
    Path data;

    @Test
    void anAnalystSignsInPicksADistrictAndAMonthAndSeesTheReportsFigures() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + " (.ci/run installs it)");
        Path root = Path.of(System.getProperty("motcua.repository.root", "../..")).toAbsolutePath().normalize();
        Path target = Path.of(System.getProperty("motcua.screenshots", "target"));
        Files.createDirectories(target);
        Path identities = data.resolve("identities.json");
        Files.writeString(identities, IDENTITIES);
        int oidcPort = ServiceProcess.freePort();
        int reportingPort = ServiceProcess.freePort();
        String issuer = "http://localhost:" + oidcPort;
        String console = "http://localhost:" + reportingPort;

        try (PostgresServer postgres = PostgresServer.start(new PostgresOptions(data.resolve("pg"),
                ServiceProcess.freePort(), false));
             KafkaBroker kafka = KafkaBroker.start(new KafkaOptions(data.resolve("kafka"), ServiceProcess.freePort()))) {
            TopicProvisioner.ensureContractTopics(kafka.bootstrapServers(), 3);
            Map<String, String> oidcProps = new LinkedHashMap<>();
            oidcProps.put("server.port", Integer.toString(oidcPort));
            oidcProps.put("motcua.oidc.issuer", issuer);
            oidcProps.put("motcua.oidc.data-dir", data.resolve("oidc").toString());
            oidcProps.put("motcua.oidc.identities", identities.toString());
            oidcProps.put("motcua.oidc.console-redirect-uris", console + "/**");
            Map<String, String> reportingProps = new LinkedHashMap<>();
            reportingProps.put("micronaut.server.port", Integer.toString(reportingPort));
            reportingProps.put("datasources.default.url", postgres.jdbcUrl("reporting"));
            reportingProps.put("datasources.default.username", postgres.username());
            reportingProps.put("datasources.default.password", postgres.password());
            reportingProps.put("motcua.kafka.bootstrap-servers", kafka.bootstrapServers());
            reportingProps.put("motcua.kafka.partitions", "3");
            reportingProps.put("motcua.security.issuer", issuer);
            reportingProps.put("motcua.security.jwk-set-uri", issuer + "/oauth2/jwks");
            Path logs = target.resolve("console-test-logs");
            try (ServiceProcess oidc = ServiceProcess.start("oidc", root.resolve("deploy/oidc/target/motcua-oidc-0.1.0-SNAPSHOT.jar"),
                    oidcPort, oidcProps, logs, JVM);
                 ServiceProcess reporting = ServiceProcess.start("reporting-service",
                         root.resolve("reporting-service/target/reporting-service-0.1.0-SNAPSHOT.jar"), reportingPort,
                         reportingProps, logs, JVM)) {
                feed(kafka.bootstrapServers());
                oidc.awaitHealthy(START);
                reporting.awaitHealthy(START);
                String admin = clientCredentials(issuer, "admin", "console-admin-secret");
                String query = "officeId=" + DISTRICT + "&period=" + PERIOD + "&scope=subtree";
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                        assertThat(get(console + "/api/v1/reports/dossiers?" + query, admin).path("resolved")
                                .path("late").asLong()).isEqualTo(24));
                JsonNode report = get(console + "/api/v1/reports/dossiers?" + query, admin);
                browse(console, report, admin, target);
            }
        }
    }

    private void browse(String console, JsonNode report, String admin, Path target) throws Exception {
        Path downloads = Files.createDirectories(data.resolve("downloads"));
        ChromeDriver driver = chrome(downloads);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            signIn(driver, wait, console, "lan", "lan-console-pw");

            // The picker offers the token's district and the commune below it, nothing else.
            wait.until(d -> new Select(d.findElement(By.id("office"))).getOptions().size() >= 2);
            List<String> offered = new Select(driver.findElement(By.id("office"))).getOptions().stream()
                    .map(o -> o.getAttribute("value")).toList();
            assertThat(offered).containsExactly(DISTRICT, COMMUNE);
            new Select(driver.findElement(By.id("office"))).selectByValue(DISTRICT);
            new Select(driver.findElement(By.id("period-kind"))).selectByValue("month");
            WebElement year = driver.findElement(By.id("year"));
            year.clear();
            year.sendKeys("2024");
            new Select(driver.findElement(By.id("part"))).selectByValue("03");
            driver.findElement(By.id("show")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                    "#cards [data-figure='received.total'] .value")));

            // Every card shows exactly the JSON report's figure; rate cards show their numerator/denominator.
            for (String figure : CARD_FIGURES) {
                String shown = driver.findElement(By.cssSelector("#cards [data-figure='" + figure + "'] .value"))
                        .getText();
                assertThat(digits(shown)).as(figure + " shows " + shown).isEqualTo(at(report, figure).asLong());
            }
            WebElement onTime = driver.findElement(By.cssSelector("#cards [data-figure='rates.onTime']"));
            assertThat(digits(onTime.findElement(By.cssSelector(".denominator")).getText()))
                    .isEqualTo(report.path("resolved").path("total").asLong());
            assertThat(driver.findElement(By.id("report-title")).getText()).contains(DISTRICT);
            screenshot(driver, target.resolve("console.png"));

            // The late figure's dossiers, 20 a page.
            long late = report.path("resolved").path("late").asLong();
            driver.findElement(By.cssSelector("#cards [data-figure='resolved.late']")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("items")));
            wait.until(d -> d.findElements(By.cssSelector("#items-table tbody tr")).size() == 20);
            assertThat(driver.findElement(By.id("items-title")).getText()).contains(Long.toString(late));
            JsonNode firstPage = get(console + "/api/v1/reports/dossiers/items?officeId=" + DISTRICT + "&from="
                    + report.path("from").asText() + "&to=" + report.path("to").asText()
                    + "&scope=subtree&figure=resolved.late&page=0&size=20", admin);
            assertThat(firstPage.path("total").asLong()).isEqualTo(late);
            assertThat(driver.findElement(By.cssSelector("#items-table tbody tr td")).getText())
                    .isEqualTo(firstPage.path("items").get(0).path("code").asText());
            driver.findElement(By.id("next")).click();
            wait.until(d -> d.findElements(By.cssSelector("#items-table tbody tr")).size() == late - 20);
            screenshot(driver, target.resolve("console-items.png"));

            // The XLSX of what is on screen holds the same figures, as numbers.
            driver.findElement(By.id("xlsx")).click();
            Path xlsx = await().atMost(Duration.ofSeconds(20)).until(() -> downloaded(downloads), p -> p != null);
            assertXlsx(xlsx, report);

            // Vietnamese labels, English on one click, the same numbers.
            By lateLabel = By.cssSelector("#cards [data-figure='resolved.late'] .label");
            assertThat(driver.findElement(lateLabel).getText()).isEqualTo("Giải quyết quá hạn");
            driver.findElement(By.id("lang")).click();
            wait.until(ExpectedConditions.textToBe(lateLabel, "Resolved late"));
            assertThat(digits(driver.findElement(By.cssSelector("#cards [data-figure='resolved.late'] .value"))
                    .getText())).isEqualTo(late);
            driver.findElement(By.id("lang")).click();
            wait.until(ExpectedConditions.textToBe(lateLabel, "Giải quyết quá hạn"));

            // The whole page for the README, and the phone layout (no sideways scrolling).
            driver.manage().window().setSize(new Dimension(1366, 1900));
            awaitViewportWidth(driver, wait, 1366);
            screenshot(driver, target.resolve("console-full.png"));
            driver.manage().window().setSize(new Dimension(390, 844));
            awaitViewportWidth(driver, wait, 390);
            Object overflow = driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            Object wide = driver.executeScript("""
                    const w = document.documentElement.clientWidth;
                    return Array.from(document.querySelectorAll('body *'))
                        .filter(e => e.getBoundingClientRect().right > w + 1)
                        .slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className).join(', ');""");
            assertThat(((Number) overflow).intValue()).as("sideways overflow on a phone: " + wide)
                    .isLessThanOrEqualTo(0);
            screenshot(driver, target.resolve("console-phone.png"));
            driver.manage().window().setSize(new Dimension(1366, 768));

            // The neighbouring district's analyst sees only its own office and is refused the district's figures.
            driver.executeScript("sessionStorage.clear();");
            driver.manage().deleteAllCookies();
            signIn(driver, wait, console, "binh", "binh-console-pw");
            wait.until(d -> !new Select(d.findElement(By.id("office"))).getOptions().isEmpty());
            assertThat(new Select(driver.findElement(By.id("office"))).getOptions().stream()
                    .map(o -> o.getAttribute("value")).toList()).containsExactly(NEIGHBOUR);
            Object status = driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/api/v1/reports/dossiers?officeId=%s&period=%s', {headers: {Authorization: 'Bearer '
                        + sessionStorage.getItem('motcua.console.token')}}).then(r => done(r.status));
                    """.formatted(DISTRICT, PERIOD));
            assertThat(((Number) status).intValue()).isEqualTo(403);
        } finally {
            driver.quit();
        }
    }

    private static void signIn(ChromeDriver driver, WebDriverWait wait, String console, String user,
                               String password) {
        driver.get(console + "/");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("signin-button"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        assertThat(driver.getCurrentUrl()).isEqualTo(console + "/");
        assertThat(driver.findElement(By.id("who")).getText()).isEqualTo(user);
    }

    private static ChromeDriver chrome(Path downloads) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1366,768", "--lang=vi-VN");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toString()));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    private static void assertXlsx(Path xlsx, JsonNode report) throws IOException {
        try (ReadableWorkbook workbook = new ReadableWorkbook(xlsx.toFile())) {
            assertThat(workbook.getFirstSheet().getName()).isEqualTo("Báo cáo");
            Row row = workbook.getFirstSheet().read().stream().filter(r -> r.getRowNum() == 7).findFirst()
                    .orElseThrow(() -> new AssertionError("no data row 7 in the sheet"));
            assertThat(row.getCellText(1)).isEqualTo(DISTRICT);
            for (int i = 0; i < SHEET_FIGURES.size(); i++) {
                JsonNode expected = at(report, SHEET_FIGURES.get(i));
                if (expected.isNull()) {
                    continue;
                }
                BigDecimal cell = row.getCellAsNumber(i + 2).orElseThrow(() -> new AssertionError("not a number"));
                assertThat(cell).as(SHEET_FIGURES.get(i)).isEqualByComparingTo(expected.decimalValue());
            }
        }
    }

    private static Path downloaded(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".xlsx")).findFirst().orElse(null);
        }
    }

    private static void screenshot(ChromeDriver driver, Path file) throws IOException {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static long digits(String text) {
        return Long.parseLong(text.replaceAll("[^0-9]", ""));
    }

    private static JsonNode at(JsonNode node, String path) {
        JsonNode n = node;
        for (String key : path.split("\\.")) {
            n = n.path(key);
        }
        return n;
    }

    // ---- events: a province, two districts, a commune, and a month of dossiers ----

    private static void feed(String bootstrapServers) throws Exception {
        List<MotcuaEvent> events = new ArrayList<>();
        Instant registered = at("2023-01-01T08:00");
        events.add(new OfficeRegistered(PROVINCE, "UBND tỉnh Thử Nghiệm", OfficeLevel.PROVINCE, null, registered));
        events.add(new OfficeRegistered(DISTRICT, "UBND huyện Một", OfficeLevel.DISTRICT, PROVINCE, registered));
        events.add(new OfficeRegistered(NEIGHBOUR, "UBND huyện Hai", OfficeLevel.DISTRICT, PROVINCE, registered));
        events.add(new OfficeRegistered(COMMUNE, "UBND xã Một Một", OfficeLevel.COMMUNE, DISTRICT, registered));
        Channel[] channels = Channel.values();
        int n = 0;
        for (String office : List.of(DISTRICT, COMMUNE, NEIGHBOUR)) {
            for (int i = 0; i < 60; i++) {
                String id = office + "-" + (n++);
                LocalDateTime received = LocalDateTime.parse("2024-02-16T08:00").plusDays(i % 20).plusHours(i % 7);
                LocalDateTime due = received.plusDays(5);
                Channel channel = channels[i % channels.length];
                boolean eligible = i % 2 == 0;
                events.add(new DossierReceived(id, "000." + id, office, eligible ? "1.001612" : "2.000046",
                        eligible ? "Đất đai" : "Hộ tịch", channel == Channel.ONLINE && !eligible ? Channel.IN_PERSON
                        : channel, eligible, BigDecimal.valueOf(5), at(received), at(due)));
                switch (i % 5) {
                    case 0 -> events.add(resolved(id, office, Timeliness.LATE, due, due.plusDays(2)));
                    case 1 -> events.add(resolved(id, office, Timeliness.EARLY, due, received.plusDays(2)));
                    case 2 -> events.add(resolved(id, office, Timeliness.ON_TIME, due, due.minusHours(1)));
                    case 3 -> events.add(new DossierWithdrawn(id, office, "applicant's request",
                            at(received.plusDays(1))));
                    default -> { } // still in progress: overdue or not at the month's end
                }
            }
        }
        try (TopicProbe topics = new TopicProbe(bootstrapServers)) {
            topics.publish(events.stream().map(event -> CloudEventsCodec.encode(EventEnvelope.of(UUID.randomUUID(),
                    "/test/console", event))).toList());
        }
    }

    private static DossierResolved resolved(String id, String office, Timeliness timeliness, LocalDateTime due,
                                            LocalDateTime at) {
        return new DossierResolved(id, office, Outcome.APPROVED, null, timeliness, at(due), at(at));
    }

    private static java.time.Instant at(String local) {
        return at(LocalDateTime.parse(local));
    }

    private static java.time.Instant at(LocalDateTime local) {
        return local.atZone(VN).toInstant();
    }

    // ---- HTTP ----

    private static String clientCredentials(String issuer, String client, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        Reply<JsonNode> r = HTTP.as("Basic " + basic).post(issuer + "/oauth2/token", "grant_type=client_credentials",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("access_token").asText();
    }

    private static JsonNode get(String url, String token) {
        Reply<JsonNode> r = HTTP.as("Bearer " + token).get(url, Map.of("Accept", "application/json"));
        assertThat(r.status()).as(url + ": " + r.body()).isEqualTo(200);
        return r.json();
    }

    /** Waits until the page has laid itself out at the new window width (charts re-layout on resize). */
    private static void awaitViewportWidth(ChromeDriver driver, WebDriverWait wait, int width) {
        wait.until(d -> ((Number) driver.executeScript("return window.innerWidth;")).intValue() <= width
                && Boolean.TRUE.equals(driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + " requestAnimationFrame(() => requestAnimationFrame(() => done(true)));")));
    }
}
