package org.ground4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.ground4j.core.data.Sample;
import org.ground4j.core.data.SampleJsonl;
import org.ground4j.core.data.readers.ImaGenomeReader;
import org.ground4j.core.data.readers.ImagePaths;
import org.ground4j.core.data.readers.JsonlManifestReader;
import org.ground4j.core.data.readers.MsCxrReader;
import org.ground4j.core.data.readers.PadChestGrReader;
import org.ground4j.core.data.readers.ReadProblem;
import org.ground4j.core.data.readers.ReadResult;
import org.ground4j.core.data.weak.WeakJsonl;
import org.ground4j.core.data.weak.WeakSample;
import org.ground4j.core.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ground4j data convert --format padchest-gr|ms-cxr|imagenome|jsonl --in PATH --out samples.jsonl}: reads a
 * dataset, writes its samples (atomically, image paths relative to the output's folder), prints what the reader
 * noticed and every problem it skipped, and writes the problems to {@code <out>.problems.tsv}.
 */
@Command(
        name = "convert",
        mixinStandardHelpOptions = true,
        description = {
            "Convert a dataset to JSON Lines samples.",
            "padchest-gr: --in the folder with grounded_reports_*.json, master_table.csv, images_grounding/.",
            "ms-cxr: --in MS_CXR_Local_Alignment_*.csv or .json; --images the MIMIC-CXR-JPG folder (optional).",
            "imagenome: --in silver_dataset/scene_graph (or one file); --metadata mimic-cxr-2.0.0-metadata.csv "
                    + "and/or --images the MIMIC-CXR-JPG folder (image sizes); writes weak samples with regions.",
            "jsonl: --in a samples.jsonl to check line by line."
        })
final class DataConvertCommand implements Callable<Integer> {

    /** Problems printed on standard output; all of them go to the problems file. */
    private static final int PRINTED_PROBLEMS = 20;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--format",
            required = true,
            paramLabel = "FORMAT",
            description = "padchest-gr, ms-cxr, imagenome or jsonl.")
    String format;

    @Option(names = "--in", required = true, paramLabel = "PATH", description = "The dataset (see above).")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "samples.jsonl", description = "Output JSON Lines.")
    Path out;

    @Option(
            names = "--lang",
            defaultValue = "en",
            paramLabel = "en|es",
            description = "PadChest-GR sentence language (default: ${DEFAULT-VALUE}).")
    String lang;

    @Option(
            names = "--split",
            paramLabel = "SPLIT",
            description = "Keep one split (PadChest-GR: train, validation, test; MS-CXR: train, val, test).")
    String split;

    @Option(
            names = "--images",
            paramLabel = "DIR",
            description = "MS-CXR, Chest ImaGenome: the MIMIC-CXR-JPG folder; images are checked and paths resolved.")
    Path images;

    @Option(
            names = "--metadata",
            paramLabel = "CSV",
            description = "Chest ImaGenome: MIMIC-CXR's metadata table with Rows and Columns (image sizes).")
    Path metadata;

    @Option(names = "--no-image-check", description = "PadChest-GR, jsonl: do not check that images exist.")
    boolean noImageCheck;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        Path dir = out.toAbsolutePath().getParent();
        ReadResult<?> result;
        switch (format.toLowerCase(Locale.ROOT)) {
            case "padchest-gr" -> {
                ReadResult<Sample> r =
                        PadChestGrReader.read(in, new PadChestGrReader.Options(lang, split, !noImageCheck));
                SampleJsonl.write(
                        out,
                        r.records().stream()
                                .map(s -> ImagePaths.relativeTo(s, dir))
                                .toList());
                result = r;
            }
            case "ms-cxr" -> {
                ReadResult<Sample> r = MsCxrReader.read(in, new MsCxrReader.Options(images, split));
                SampleJsonl.write(
                        out,
                        r.records().stream()
                                .map(s -> ImagePaths.relativeTo(s, dir))
                                .toList());
                result = r;
            }
            case "imagenome" -> {
                ReadResult<WeakSample> r = ImaGenomeReader.read(in, new ImaGenomeReader.Options(images, metadata));
                WeakJsonl.write(
                        out,
                        r.records().stream()
                                .map(w -> new WeakSample(
                                        ImagePaths.relativeTo(w.sample(), dir), w.regions(), w.attributes()))
                                .toList());
                result = r;
            }
            case "jsonl" -> {
                ReadResult<Sample> r = JsonlManifestReader.read(in, !noImageCheck);
                SampleJsonl.write(
                        out,
                        r.records().stream()
                                .map(s -> ImagePaths.relativeTo(s, dir))
                                .toList());
                result = r;
            }
            default ->
                throw new IllegalArgumentException(
                        "--format must be padchest-gr, ms-cxr, imagenome or jsonl, " + "got \"" + format + "\"");
        }
        stdout.println("read " + format + " from " + in);
        result.notes().forEach(n -> stdout.println("  " + n));
        stdout.println("wrote " + result.records().size() + " samples to " + out);
        report(result, stdout);
        stdout.flush();
        return 0;
    }

    private void report(ReadResult<?> result, PrintWriter stdout) {
        List<ReadProblem> problems = result.problems();
        if (problems.isEmpty()) {
            stdout.println("problems: none");
            return;
        }
        Path file = DataCommand.beside(out, ".problems.tsv");
        AtomicFiles.writeText(file, w -> {
            w.write("kind\tfile\trecord\treason\n");
            for (ReadProblem p : problems) {
                w.write(String.join("\t", p.kind().label(), clean(p.file()), clean(p.record()), clean(p.reason())));
                w.write('\n');
            }
        });
        stdout.println("problems: " + problems.size() + " ("
                + result.problemCounts().entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey().label())
                        .collect(Collectors.joining(", "))
                + "), all listed in " + file);
        problems.stream().limit(PRINTED_PROBLEMS).forEach(p -> stdout.println("  " + p));
        if (problems.size() > PRINTED_PROBLEMS) {
            stdout.println("  ... " + (problems.size() - PRINTED_PROBLEMS) + " more in " + file);
        }
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ');
    }
}
