package org.ground4j.examples;

import java.nio.file.Path;
import java.util.Locale;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.geometry.ScoredBox;
import org.ground4j.infer.GroundedReport;
import org.ground4j.infer.GroundedSentence;
import org.ground4j.infer.Grounder;
import org.ground4j.infer.GrounderOptions;
import org.ground4j.infer.ImageInput;
import org.ground4j.infer.ReportJson;
import org.ground4j.infer.ReportOverlay;

/**
 * Grounding one report: the report is split into sentences, the image is encoded once, every sentence gets its
 * boxes; the result is printed per sentence, as JSON, and drawn as an overlay.
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=org.ground4j.examples.GroundOneReport
 * -Dexec.args="MODEL_DIR IMAGE.png overlay.png"} (an optional fourth argument is the report text, and an optional
 * fifth the confidence threshold; the default report is a short English/Spanish one).
 *
 * <pre>{@code
 * GroundedReport r = GroundOneReport.ground(Path.of("models/demo"), Path.of("cxr.png"), REPORT, null);
 * }</pre>
 */
public final class GroundOneReport {

    /** A short bilingual report. */
    public static final String REPORT = """
            FINDINGS: Small right pleural effusion. Left lower zone opacity, approx. 3.5 cm.
            No pneumothorax.
            HALLAZGOS: Cardiomegalia. Sin derrame pleural izquierdo.""";

    private GroundOneReport() {}

    /**
     * @param threshold confidence threshold, or {@code null} for the checkpoint's
     */
    public static GroundedReport ground(Path checkpoint, Path image, String report, Double threshold) {
        GrounderOptions options = GrounderOptions.fromCheckpoint();
        if (threshold != null) {
            options = options.withThreshold(threshold);
        }
        try (Grounder grounder = Grounder.load(checkpoint, options)) {
            return grounder.groundReport(ImageInput.of(image), report);
        }
    }

    /** {@code MODEL_DIR IMAGE OVERLAY.png [REPORT [THRESHOLD]]}. */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: GroundOneReport MODEL_DIR IMAGE OVERLAY.png [REPORT [THRESHOLD]]");
            System.exit(2);
        }
        Path image = Path.of(args[1]);
        String report = args.length > 3 ? args[3] : REPORT;
        Double threshold = args.length > 4 ? Double.valueOf(args[4]) : null;
        GroundedReport r = ground(Path.of(args[0]), image, report, threshold);
        System.out.println(r.image() + " (" + r.imageWidth() + " x " + r.imageHeight() + " px)");
        for (GroundedSentence s : r.sentences()) {
            System.out.println("[" + s.start() + ", " + s.end() + ") " + s.text());
            if (s.boxes().isEmpty()) {
                System.out.println("    no box");
            }
            for (ScoredBox sb : s.boxes()) {
                Box b = sb.box();
                System.out.printf(
                        Locale.ROOT,
                        "    box x %.0f-%.0f, y %.0f-%.0f px, confidence %.2f%n",
                        b.x1() * r.imageWidth(),
                        b.x2() * r.imageWidth(),
                        b.y1() * r.imageHeight(),
                        b.y2() * r.imageHeight(),
                        sb.score());
            }
        }
        System.out.println(ReportJson.toJson(r));
        ReportOverlay.write(Path.of(args[2]), ImageInput.of(image), r, ReportOverlay.DEFAULT_SIDE);
        System.out.println("overlay written to " + args[2]);
    }
}
