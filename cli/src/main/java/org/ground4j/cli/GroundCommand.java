package org.ground4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.io.OutputLock;
import org.ground4j.core.io.TextFiles;
import org.ground4j.infer.BatchGrounding;
import org.ground4j.infer.GroundedReport;
import org.ground4j.infer.Grounder;
import org.ground4j.infer.GrounderOptions;
import org.ground4j.infer.ImageInput;
import org.ground4j.infer.ReportJson;
import org.ground4j.infer.ReportOverlay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ground4j ground}: boxes for the sentences of a report on one image (JSON on standard output, optionally an
 * overlay PNG), or for every sample of a JSON Lines file (predictions that {@code ground4j eval} reads).
 */
@Command(
        name = "ground",
        mixinStandardHelpOptions = true,
        description = {
            "Ground report sentences to boxes on the image.",
            "One image: --image I with --text \"...\" or --report FILE; the text is split into sentences and the "
                    + "JSON {image, width, height, sentences: [{text, start, end, boxes: [[x1,y1,x2,y2]], scores}]} is "
                    + "printed (boxes normalised to the original image).",
            "Batch: --input SAMPLES.jsonl --output PREDS.jsonl; each sample's sentence is grounded as it is, each "
                    + "image encoded once; the output is the sample format with predicted boxes and scores.",
            "Image ablation: --shuffle-images SEED grounds each sentence on another study's image (a seeded "
                    + "derangement of the input's distinct images) for 'ground4j eval --shuffled'.",
            "Exit status 0 on success, 2 on bad input (unreadable image, empty text, unknown or truncated model)."
        })
final class GroundCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Checkpoint directory.")
    Path model;

    @Option(names = "--image", paramLabel = "IMAGE", description = "PNG, JPEG or uncompressed DICOM image.")
    Path image;

    @Option(names = "--text", paramLabel = "TEXT", description = "Report text (one or more sentences).")
    String text;

    @Option(names = "--report", paramLabel = "FILE", description = "File holding the report text (UTF-8).")
    Path report;

    @Option(
            names = "--overlay",
            paramLabel = "OUT.png",
            description = "Also draw each sentence's boxes in its own colour, with a legend, into this PNG.")
    Path overlay;

    @Option(
            names = "--input",
            paramLabel = "SAMPLES.jsonl",
            description = "Samples {id, image, sentence, ...}; image paths relative to this file's folder.")
    Path input;

    @Option(names = "--output", paramLabel = "PREDS.jsonl", description = "Predictions, written atomically.")
    Path output;

    @Option(
            names = "--shuffle-images",
            paramLabel = "SEED",
            description = "Batch only: ground each sentence on another study's image, every image of the input "
                    + "swapped for a different one (same SEED, same pairing); ids are kept, so 'ground4j eval "
                    + "--shuffled' measures how much of the score needs the image. Needs two or more images.")
    Long shuffleSeed;

    @Mixin
    PostProcessingOptions post;

    @Option(names = "--progress", description = "Draw the batch progress bar even when stderr is not a terminal.")
    boolean progress;

    @Override
    public Integer call() throws IOException {
        boolean single = image != null && (text == null) != (report == null) && input == null && output == null;
        boolean batch =
                input != null && output != null && image == null && text == null && report == null && overlay == null;
        if (!single && !batch) {
            throw new InvalidInputException(
                    "give --image with --text or --report (and optionally --overlay), " + "or --input with --output");
        }
        if (single && shuffleSeed != null) {
            throw new InvalidInputException("--shuffle-images needs a batch (--input with --output): one image "
                    + "has no other study to swap with");
        }
        GrounderOptions options = post.grounderOptions();
        return single ? groundOne(options) : groundBatch(options);
    }

    private int groundOne(GrounderOptions options) throws IOException {
        if (overlay != null && OutputLock.sameFile(overlay, image)) {
            throw new InvalidInputException(overlay + ": is also the input image; give an --overlay path that is not "
                    + "an input (inputs are never overwritten)");
        }
        String reportText = text != null ? text : readReport(report);
        if (reportText.isBlank()) {
            throw new InvalidInputException((report != null ? report.toString() : "--text")
                    + ": empty report (blank): there is nothing to ground");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Grounder grounder = Grounder.load(model, options)) {
            ImageInput in = ImageInput.of(image);
            GroundedReport grounded = grounder.groundReport(in, reportText);
            out.println(ReportJson.toJson(grounded));
            out.flush();
            if (overlay != null) {
                ReportOverlay.write(overlay, in, grounded, ReportOverlay.DEFAULT_SIDE);
                spec.commandLine().getErr().println("wrote " + overlay);
            }
        }
        return 0;
    }

    private int groundBatch(GrounderOptions options) {
        PrintWriter err = spec.commandLine().getErr();
        try (Grounder grounder = Grounder.load(model, options)) {
            ProgressBar bar = new ProgressBar(err, "sentences", progress);
            BatchGrounding.Summary s = shuffleSeed == null
                    ? BatchGrounding.run(grounder, input, output, bar)
                    : BatchGrounding.runShuffled(grounder, input, output, shuffleSeed, bar);
            err.println("grounded " + s.samples() + " sentences on " + s.images() + " images"
                    + (shuffleSeed == null ? "" : ", each on another study's image (seed " + shuffleSeed + ")")
                    + " -> " + output);
        }
        return 0;
    }

    private static String readReport(Path file) {
        return TextFiles.readUtf8(file, "report");
    }
}
