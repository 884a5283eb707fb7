package org.ground4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ground4j.core.synth.SynthConfig;
import org.ground4j.core.synth.SynthCxr;
import org.ground4j.core.synth.SynthSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ground4j synth}: writes a SynthCXR data set (phantom images, expert.jsonl, weak.jsonl). */
@Command(
        name = "synth",
        mixinStandardHelpOptions = true,
        description = {
            "Generate SynthCXR: synthetic chest radiographs with grounded English/Spanish sentences.",
            "Writes DIR/images/*.png, DIR/expert.jsonl and DIR/weak.jsonl; the same --n and --seed give "
                    + "byte-identical files. An engineering benchmark, not a medical one."
        })
final class SynthCommand implements Callable<Integer> {

    @Option(
            names = "--n",
            required = true,
            paramLabel = "N",
            description = "Number of samples (sentences); images hold 2-5 each.")
    int samples;

    @Option(
            names = "--seed",
            defaultValue = "0",
            paramLabel = "S",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Output folder (created if missing; files of the same names are replaced).")
    Path out;

    @Option(
            names = "--threads",
            paramLabel = "T",
            description = "Images rendered in parallel (default: all cores); the files do not depend on it.")
    Integer threads;

    @Option(
            names = "--overlays",
            defaultValue = "0",
            paramLabel = "N",
            description = "Also draw boxes and sentences on the first N images into DIR/overlays/ (default: 0).")
    int overlays;

    @Option(
            names = "--overlay-size",
            defaultValue = "512",
            paramLabel = "PX",
            description = "Longer side of the overlay images in pixels (default: ${DEFAULT-VALUE}).")
    int overlaySize;

    @Override
    public Integer call() {
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        SynthSummary summary = SynthCxr.generate(new SynthConfig(samples, seed, t, overlays, overlaySize), out);
        System.out.println("SynthCXR written to " + out);
        System.out.print(summary.format());
        return 0;
    }
}
