package org.ground4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ground4j.core.data.Sample;
import org.ground4j.core.data.SampleJsonl;
import org.ground4j.infer.Grounder;
import org.ground4j.infer.ImageInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The review page in a real browser (Debian's headless chromium through chromedriver): ground an uploaded image and
 * report, filter by threshold, reject a box, mark a sentence as having no finding, export, and read the export back
 * as samples. Skipped, with the reason printed, where chromium or chromedriver is not installed.
 */
class ReviewPageTest {

    static final String REPORT = "FINDINGS: Small left pleural effusion. No pneumothorax. Cardiomegaly.";
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path dir;

    static Grounder grounder;
    static GroundingService service;
    static ChromeDriver browser;
    static Path image;

    @BeforeAll
    static void start() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present) {
            System.out.println("ReviewPageTest skipped: needs " + CHROMIUM + " and " + DRIVER
                    + " (Debian packages chromium and chromium-driver; .ci/run installs them)");
        }
        Assumptions.assumeTrue(present, "chromium and chromium-driver are not installed");
        Path model =
                TinyModel.write(dir.resolve("model"), List.of(REPORT, "Heart size is normal."), "review page test");
        image = Files.write(dir.resolve("cxr.png"), GroundingServiceTest.png(120, 96, 4));
        grounder = Grounder.load(model);
        service = GroundingService.start(grounder, ServeConfig.DEFAULT.withPort(0));
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000");
        browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(DRIVER.toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.close();
            grounder.close();
        }
    }

    @Test
    void aReviewerGroundsFiltersRejectsAndExportsAStudy() throws Exception {
        browser.get("http://127.0.0.1:" + service.port() + "/");
        browser.findElement(By.id("image")).sendKeys(image.toString());
        browser.findElement(By.id("report")).sendKeys(REPORT);
        browser.findElement(By.id("ground")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> !d.findElements(By.cssSelector("#sentences li")).isEmpty());

        var expected = grounder.groundReport(ImageInput.of(image), REPORT);
        List<WebElement> sentences = browser.findElements(By.cssSelector("#sentences li"));
        assertThat(sentences).hasSize(expected.sentences().size());
        int boxes =
                expected.sentences().stream().mapToInt(s -> s.boxes().size()).sum();
        assertThat(boxes).as("threshold 0: the model gives boxes").isPositive();
        assertThat(browser.findElements(By.cssSelector(".box"))).hasSize(boxes);

        // the threshold slider filters live: at 1 nothing is shown, back at 0 everything is
        setSlider("threshold", 1.0);
        assertThat(visibleBoxes()).isZero();
        setSlider("threshold", 0.0);
        assertThat(visibleBoxes()).isEqualTo(boxes);

        // reject the first box of the first sentence that has one; mark the last sentence as having no finding
        int first = 0;
        while (expected.sentences().get(first).boxes().isEmpty()) {
            first++;
        }
        browser.findElement(By.cssSelector("#sentences li[data-sentence='" + first + "'] .keep input[data-box='0']"))
                .click();
        assertThat(browser.findElement(By.cssSelector(".box[data-sentence='" + first + "'][data-box='0']"))
                        .getAttribute("class"))
                .contains("rejected");
        int last = expected.sentences().size() - 1;
        browser.findElement(By.cssSelector("#sentences li[data-sentence='" + last + "'] .none input"))
                .click();

        // draw a box the model missed for the middle sentence, then move it a tenth of the width to the right
        int drawn = 1;
        assertThat(first).isZero();
        browser.findElement(By.cssSelector("#sentences li[data-sentence='" + drawn + "'] .text"))
                .click();
        browser.findElement(By.id("draw")).click();
        WebElement stage = browser.findElement(By.id("stage"));
        drag(stage, 0.20, 0.20, 0.40, 0.35);
        int drawnIndex = expected.sentences().get(drawn).boxes().size();
        WebElement newBox = browser.findElement(
                By.cssSelector(".box[data-sentence='" + drawn + "'][data-box='" + drawnIndex + "']"));
        assertThat(newBox.getAttribute("class")).contains("drawn");
        drag(stage, 0.30, 0.275, 0.40, 0.275);
        browser.findElement(By.id("reviewer")).sendKeys("dr-test");
        browser.findElement(By.id("export")).click();
        wait.until(d -> !d.findElement(By.id("exported")).getAttribute("value").isEmpty());

        Path exported = Files.writeString(
                dir.resolve("reviewed.jsonl"),
                browser.findElement(By.id("exported")).getAttribute("value"));
        List<Sample> samples = SampleJsonl.read(exported); // the sample format, as train reads expert data
        assertThat(samples).hasSize(expected.sentences().size());
        for (int i = 0; i < samples.size(); i++) {
            var model = expected.sentences().get(i);
            int keep = i == last
                    ? 0
                    : i == first ? model.boxes().size() - 1 : model.boxes().size() + 1;
            assertThat(samples.get(i).sentence()).isEqualTo(model.text());
            assertThat(samples.get(i).image()).isEqualTo("cxr.png");
            assertThat(samples.get(i).boxes()).as("sentence %d", i).hasSize(keep);
        }
        if (first != last && expected.sentences().get(first).boxes().size() > 1) {
            assertThat(samples.get(first).boxes().get(0))
                    .isEqualTo(expected.sentences().get(first).boxes().get(1).box());
        }
        var box = samples.get(drawn).boxes().get(drawnIndex);
        org.assertj.core.data.Offset<Double> px = org.assertj.core.data.Offset.offset(0.02);
        assertThat(box.x1()).as("drawn at 0.20, moved by 0.10").isCloseTo(0.30, px);
        assertThat(box.y1()).isCloseTo(0.20, px);
        assertThat(box.x2()).isCloseTo(0.50, px);
        assertThat(box.y2()).isCloseTo(0.35, px);
        JsonNode line = new ObjectMapper().readTree(Files.readAllLines(exported).get(0));
        assertThat(line.get("reviewer").asText()).isEqualTo("dr-test");
        assertThat(line.get("model").asText()).isEqualTo(dir.resolve("model").toString());
        JsonNode attach = new ObjectMapper()
                .readTree(browser.findElement(By.id("exportedAttach")).getAttribute("value"));
        assertThat(attach.get("sentences")).hasSize(expected.sentences().size());
        assertThat(attach.get("report").asText()).isEqualTo(REPORT);

        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(
                shot.toPath(), Path.of("target", "review-page.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aReviewerStepsThroughAnAttachOutputSavesEachStudyAndResumesWhereSheStopped() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("review"));
        Files.write(folder.resolve("a.png"), GroundingServiceTest.png(120, 96, 5));
        Files.write(folder.resolve("b.png"), GroundingServiceTest.png(100, 100, 6));
        Path reports = Files.writeString(
                folder.resolve("reports.jsonl"),
                "{\"id\": \"s1\", \"image\": \"a.png\", \"report\": \"" + REPORT + "\"}\n"
                        + "{\"id\": \"s2\", \"image\": \"b.png\", \"report\": \"Cardiomegaly.\"}\n");
        Path grounded = folder.resolve("grounded.jsonl");
        org.ground4j.infer.ReportAttacher.run(
                grounder, reports, grounded, f -> {}, org.ground4j.infer.ProgressListener.NONE);
        JsonNode s1 = new ObjectMapper().readTree(Files.readAllLines(grounded).get(0));
        int boxes = s1.get("sentences").get(0).get("boxes").size();
        assertThat(boxes).isPositive();

        try (GroundingService reviewing =
                GroundingService.start(grounder, ServeConfig.DEFAULT.withPort(0).withReview(grounded))) {
            String url = "http://127.0.0.1:" + reviewing.port() + "/";
            browser.get(url);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(d -> d.findElement(By.id("studyNav")).getText().startsWith("Study 1 of 2"));
            assertThat(browser.findElements(By.cssSelector("#sentences li")))
                    .hasSize(s1.get("sentences").size());
            browser.findElement(By.cssSelector("#sentences li[data-sentence='0'] .keep input[data-box='0']"))
                    .click();
            browser.findElement(By.id("save")).click();
            wait.until(d -> d.findElement(By.id("studyNav")).getText().startsWith("Study 2 of 2 (1 reviewed)"));

            Path reviewedFile = folder.resolve("grounded.reviewed.jsonl");
            List<String> saved = Files.readAllLines(reviewedFile);
            assertThat(saved).hasSize(1);
            JsonNode r1 = new ObjectMapper().readTree(saved.get(0));
            assertThat(r1.get("id").asText()).isEqualTo("s1");
            assertThat(r1.get("image").asText()).isEqualTo("a.png");
            assertThat(r1.get("sentences").get(0).get("boxes")).hasSize(boxes - 1);

            // a reviewer who comes back starts at the first study not yet reviewed
            browser.get(url);
            wait.until(d -> d.findElement(By.id("studyNav")).getText().startsWith("Study 2 of 2 (1 reviewed)"));
            browser.findElement(By.id("prev")).click();
            wait.until(d -> d.findElement(By.id("studyNav")).getText().contains("this one reviewed"));
            assertThat(browser.findElements(By.cssSelector(".box[data-sentence='0']")))
                    .hasSize(boxes - 1);
        }
    }

    /** Presses at one place of {@code e} and releases at another, in fractions of its width and height. */
    private static void drag(WebElement e, double fx1, double fy1, double fx2, double fy2) {
        org.openqa.selenium.Rectangle r = e.getRect();
        int x1 = (int) Math.round((fx1 - 0.5) * r.getWidth()), y1 = (int) Math.round((fy1 - 0.5) * r.getHeight());
        int x2 = (int) Math.round((fx2 - 0.5) * r.getWidth()), y2 = (int) Math.round((fy2 - 0.5) * r.getHeight());
        new org.openqa.selenium.interactions.Actions(browser)
                .moveToElement(e, x1, y1)
                .clickAndHold()
                .moveToElement(e, (x1 + x2) / 2, (y1 + y2) / 2)
                .moveToElement(e, x2, y2)
                .release()
                .perform();
    }

    private static void setSlider(String id, double value) {
        ((JavascriptExecutor) browser)
                .executeScript(
                        "const e = document.getElementById(arguments[0]);"
                                + " e.value = arguments[1]; e.dispatchEvent(new Event('input'));",
                        id,
                        String.valueOf(value));
    }

    private static long visibleBoxes() {
        return browser.findElements(By.cssSelector(".box")).stream()
                .filter(WebElement::isDisplayed)
                .count();
    }
}
