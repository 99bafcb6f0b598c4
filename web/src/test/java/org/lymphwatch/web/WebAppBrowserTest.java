package org.lymphwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lymphwatch.embedded.Directories;
import org.lymphwatch.model.AlertAction;
import org.lymphwatch.model.AlertActionJson;
import org.lymphwatch.model.OpenAlert;
import org.lymphwatch.model.PatientStatus;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A clinician's session in a real browser on the embedded stack with the real monitoring job: log
 * in, triage, open a patient, acknowledge an alert, see the job's answer on the board, log out.
 */
class WebAppBrowserTest {

    private static CohortStack stack;
    private static ChromeDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        profile = Files.createTempDirectory("lymphwatch-chromium-");
        browser = Browser.start(profile);
        stack = CohortStack.start();
        stack.monitor(8, 300, 20261128L);
        stack.startWeb(stack.webProperties());
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
        if (profile != null) {
            Directories.delete(profile);
        }
    }

    @Test
    void clinicianTriagesActsAndSeesTheJobApplyIt() throws Exception {
        String base = stack.app.url();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        // Logged out, every URL leads to the login page.
        String patient = stack.patientToShow();
        assertLoginPageForEveryUrl(base, patient);

        // A wrong password keeps the clinician on the login page, saying why.
        logIn(base, CohortStack.CLINICIAN, "not the password", wait);
        assertThat(browser.findElement(By.id("login-error")).getText())
                .contains("Wrong clinician id or password");

        logIn(base, CohortStack.CLINICIAN, CohortStack.PASSWORD, wait);
        wait.until(d -> d.getCurrentUrl().equals(base + "/"));

        // The board lists every patient with the level the job decided, most urgent first.
        Map<String, String> expected =
                stack.latestStatuses().values().stream()
                        .collect(Collectors.toMap(PatientStatus::patientId, s -> s.level().name()));
        wait.until(d -> rows().size() == expected.size());
        Map<String, String> shown =
                rows().stream()
                        .collect(
                                Collectors.toMap(
                                        r -> r.getAttribute("data-patient"),
                                        r -> r.getAttribute("data-level")));
        assertThat(shown).isEqualTo(expected);
        List<String> levels = rows().stream().map(r -> r.getAttribute("data-level")).toList();
        assertThat(levels)
                .isSortedAccordingTo(
                        (a, b) ->
                                org.lymphwatch.model.StatusLevel.valueOf(a)
                                        .compareTo(org.lymphwatch.model.StatusLevel.valueOf(b)));
        Browser.screenshot(browser, "web-board.png");

        // Filtering by alert type keeps the patients with such an alert open.
        new Select(browser.findElement(By.id("type-filter"))).selectByValue("LYMPHEDEMA");
        long withLymphedema =
                stack.latestStatuses().values().stream()
                        .filter(
                                s ->
                                        s.openAlerts().stream()
                                                .anyMatch(
                                                        a ->
                                                                a.alert().type()
                                                                        == org.lymphwatch.model
                                                                                .AlertType
                                                                                .LYMPHEDEMA))
                        .count();
        assertThat(withLymphedema).isPositive();
        wait.until(d -> rows().size() == withLymphedema);
        assertThat(rows())
                .allMatch(
                        r -> !r.findElements(By.cssSelector("li[data-type=LYMPHEDEMA]")).isEmpty());
        new Select(browser.findElement(By.id("type-filter"))).selectByValue("");

        // Search narrows the board to one patient.
        browser.findElement(By.id("search")).sendKeys(patient);
        wait.until(d -> rows().size() == 1);
        browser.findElement(By.id("search")).clear();

        // The patient page draws its plots with the expected series.
        browser.findElement(By.cssSelector("tr[data-patient='" + patient + "'] a")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/patients/" + patient));
        wait.until(
                d ->
                        Boolean.TRUE.equals(
                                browser.executeScript(
                                        "return !!(window.lymphwatchPlots"
                                                + " && window.lymphwatchPlots.trend)")));
        assertThat(seriesLabels("volumes"))
                .anyMatch(l -> l.contains("(at risk)"))
                .anyMatch(l -> l.startsWith("Left"))
                .anyMatch(l -> l.startsWith("Right"));
        assertThat(seriesLabels("rvc"))
                .contains("5 % subclinical", "10 % lymphedema", "Alerts", "Massage", "Fever")
                .containsAnyOf("RVC %", "ILVD %");
        assertThat(seriesLabels("ldex")).contains("L-Dex", "+10", "−10");
        assertThat(seriesLabels("trend")).contains("Trend %/week", "95 % CI low", "95 % CI high");
        for (String plot : List.of("volumes", "rvc", "ldex", "trend")) {
            assertThat(points(plot, 1)).as(plot + " first series points").isGreaterThan(10);
        }
        assertThat(points("rvc", 4)).as("alert marks").isGreaterThan(0);
        assertThat(browser.findElements(By.cssSelector("#plot-rvc canvas"))).hasSize(1);
        Browser.screenshot(browser, "web-patient.png");

        // Acknowledging an open alert in the page reaches alert-actions, from this clinician.
        OpenAlert open = unacknowledged(patient);
        WebElement episode =
                browser.findElement(
                        By.cssSelector("article[data-alert='" + open.alert().alertId() + "']"));
        new Select(episode.findElement(By.cssSelector("select.action")))
                .selectByValue("ACKNOWLEDGE");
        episode.findElement(By.cssSelector("input.note")).sendKeys("called patient, compression");
        episode.findElement(By.cssSelector("button[type=submit]")).click();
        // The page redraws as the audit trail changes: find the result line afresh each time.
        String result = "article[data-alert='" + open.alert().alertId() + "'] .result";
        wait.until(d -> d.findElement(By.cssSelector(result)).getText().startsWith("sent"));

        List<ConsumerRecord<String, String>> sent =
                stack.kafka.readCommitted(
                        "alert-actions", 1, Duration.ofSeconds(20), Duration.ofMillis(500));
        assertThat(sent).hasSize(1);
        AlertAction action = AlertActionJson.read(sent.get(0).value());
        assertThat(sent.get(0).key()).isEqualTo(patient);
        assertThat(action.alertId()).isEqualTo(open.alert().alertId());
        assertThat(action.action()).isEqualTo(AlertAction.Kind.ACKNOWLEDGE);
        assertThat(action.by()).isEqualTo(CohortStack.CLINICIAN);

        // The audit trail shows who did what, with the note.
        wait.until(
                d ->
                        d.findElement(By.cssSelector("#audit tbody"))
                                .getText()
                                .contains("called patient, compression"));

        // The job applies it: the patient page says so, and the board shows the alert acknowledged.
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .withMessage("the page never showed the job applying the acknowledgement")
                .until(
                        d ->
                                d.findElement(By.cssSelector(result))
                                        .getText()
                                        .endsWith("applied by the monitoring job"));
        browser.get(base + "/");
        wait.until(
                d ->
                        !d.findElements(
                                        By.cssSelector(
                                                "tr[data-patient='"
                                                        + patient
                                                        + "'] li.acknowledged[data-alert='"
                                                        + open.alert().alertId()
                                                        + "']"))
                                .isEmpty());

        // Logging out ends the session: every URL leads to the login page again.
        browser.findElement(By.cssSelector("header form button")).click();
        wait.until(d -> d.getCurrentUrl().equals(base + "/login"));
        assertLoginPageForEveryUrl(base, patient);
    }

    private static void assertLoginPageForEveryUrl(String base, String patient) {
        for (String path :
                List.of(
                        "/",
                        "/patients/" + patient,
                        "/api/board",
                        "/api/patients/" + patient,
                        "/api/patients/" + patient + "/history",
                        "/vendor/uplot/uPlot.iife.min.js",
                        "/no/such/page")) {
            browser.get(base + path);
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .withMessage(path + " did not lead to the login page")
                    .until(d -> d.getCurrentUrl().equals(base + "/login"));
            assertThat(browser.getTitle()).as(path).contains("log in");
            assertThat(browser.getPageSource()).as(path).doesNotContain(patient);
        }
    }

    private static void logIn(String base, String id, String password, WebDriverWait wait) {
        browser.get(base + "/login");
        browser.findElement(By.id("clinicianId")).sendKeys(id);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form#login button")).click();
        wait.until(d -> d.findElements(By.id("login")).isEmpty() || !error().isEmpty());
    }

    private static String error() {
        List<WebElement> e = browser.findElements(By.id("login-error"));
        return e.isEmpty() ? "" : e.get(0).getText();
    }

    private static List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#board tbody tr"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> seriesLabels(String plot) {
        return (List<String>)
                browser.executeScript(
                        "return window.lymphwatchPlots[arguments[0]].series.slice(1)"
                                + ".map(s => s.label)",
                        plot);
    }

    /** How many non-null points the plot's series has. */
    private static long points(String plot, int series) {
        return (Long)
                browser.executeScript(
                        "return window.lymphwatchPlots[arguments[0]].data[arguments[1]]"
                                + ".filter(v => v !== null).length",
                        plot,
                        series);
    }

    private static OpenAlert unacknowledged(String patient) {
        return stack.latestStatuses().get(patient).openAlerts().stream()
                .filter(a -> !a.acknowledged())
                .findFirst()
                .orElseThrow(() -> new AssertionError(patient + " has no open alert to act on"));
    }
}
