package org.ground4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.ground4j.core.checkpoint.Checkpoint;
import org.ground4j.core.checkpoint.CheckpointIO;
import org.ground4j.core.io.OutputLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input through the command line, in-process: every case exits with status 2 and one line on stderr that names
 * the input and the problem, with no stack trace and no "internal error", and leaves every file it was given as it
 * was (no output beside a lock file). Each case makes its own small files.
 */
class BadInputCorpusTest {

    @TempDir
    static Path dir;

    static Path model;
    static Path good;

    @RegisterExtension
    final StdStreams std = new StdStreams();

    /** Writes the case's files into its folder and returns the command line. */
    @FunctionalInterface
    interface Setup {
        String[] args(Path folder) throws Exception;
    }

    /**
     * @param names    what the one line must name (a file name, an option)
     * @param problem  what it must say about it
     */
    record Case(String title, Setup setup, String names, String problem) {}

    @BeforeAll
    static void fixtures() throws IOException {
        model = GroundingFixtures.checkpoint(dir.resolve("model"), 0.0);
        good = GroundingFixtures.png(dir.resolve("good.png"), 80, 64, 1);
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        // images
        c.add(image("a missing image", f -> f.resolve("none.png"), "none.png", "no such image file"));
        c.add(image(
                "an image that is a folder",
                f -> Files.createDirectories(f.resolve("cxr.png")),
                "cxr.png",
                "is a folder"));
        c.add(image(
                "an empty image file",
                f -> Files.write(f.resolve("empty.png"), new byte[0]),
                "empty.png",
                "empty file"));
        c.add(image(
                "a text file named .png",
                f -> Files.writeString(f.resolve("notes.png"), "not an image"),
                "notes.png",
                "not a PNG, JPEG or DICOM file"));
        c.add(image(
                "a PNG without its end",
                f -> write(f, "cut.png", Arrays.copyOf(png(), png().length / 2)),
                "cut.png",
                "truncated PNG"));
        c.add(image(
                "a PNG with a damaged CRC", f -> write(f, "crc.png", damagedCrc(png())), "crc.png", "CRC mismatch"));
        c.add(image(
                "a PNG whose image data stops after a third, IEND kept",
                f -> write(f, "short.png", shortIdat(png())),
                "short.png",
                "its image data holds"));
        c.add(image(
                "a JPEG without its end marker",
                f -> write(f, "cut.jpg", Arrays.copyOf(jpeg(), jpeg().length - 300)),
                "cut.jpg",
                "truncated JPEG"));
        c.add(image(
                "a JPEG whose scan stops after a third, end marker kept",
                f -> write(f, "third.jpg", cutScan(jpeg())),
                "third.jpg",
                "damaged or truncated JPEG"));
        c.add(image(
                "a JPEG with a stray marker in its scan",
                f -> write(f, "stray.jpg", strayMarker(jpeg())),
                "stray.jpg",
                "Corrupt JPEG data"));
        c.add(image(
                "a DICOM with half of its pixel data",
                f -> write(f, "half.dcm", halfDicom()),
                "half.dcm",
                "truncated DICOM"));
        c.add(image(
                "a compressed DICOM",
                f -> write(f, "jpeg.dcm", dicom(16, 16, "1.2.840.10008.1.2.4.50", new byte[512])),
                "jpeg.dcm",
                "compressed DICOM"));
        c.add(image(
                "a PNG declaring 30000 x 30000 pixels",
                f -> write(f, "bomb.png", pngBomb(30_000)),
                "bomb.png",
                "declares 30000 x 30000 pixels"));
        c.add(image(
                "a PNG declaring 60000 x 60000 pixels",
                f -> write(f, "bomb6.png", pngBomb(60_000)),
                "bomb6.png",
                "declares 60000 x 60000 pixels"));
        c.add(image(
                "a JPEG declaring 65021 x 65021 pixels",
                f -> write(f, "bomb.jpg", jpegBomb()),
                "bomb.jpg",
                "declares 65021 x 65021 pixels"));
        c.add(image(
                "a DICOM declaring 40000 x 40000 pixels",
                f -> write(f, "bomb.dcm", dicom(40_000, 40_000, "1.2.840.10008.1.2.1", new byte[8])),
                "bomb.dcm",
                "declares 40000 x 40000 pixels"));
        c.add(new Case(
                "an image over --max-image-side",
                f -> new String[] {
                    "ground",
                    "--model",
                    model.toString(),
                    "--image",
                    good.toString(),
                    "--text",
                    "Cardiomegaly.",
                    "--max-image-side",
                    "70"
                },
                "good.png",
                "declares 80 x 64 pixels"));
        // report texts
        c.add(report("a missing report file", f -> f.resolve("none.txt"), "none.txt", "no such file"));
        c.add(report(
                "a report that is a folder",
                f -> Files.createDirectories(f.resolve("reports")),
                "reports",
                "is a folder"));
        c.add(report(
                "a report that is not UTF-8",
                f -> write(f, "latin1.txt", "Derrame pleural peque\u00f1o.".getBytes(StandardCharsets.ISO_8859_1)),
                "latin1.txt",
                "not UTF-8 (invalid byte 0xF1 at byte offset 21)"));
        c.add(report(
                "a report in UTF-16",
                f -> write(f, "utf16.txt", "\uFEFFCardiomegaly.".getBytes(StandardCharsets.UTF_16LE)),
                "utf16.txt",
                "is UTF-16 text"));
        c.add(report(
                "a blank report",
                f -> Files.writeString(f.resolve("blank.txt"), " \n\t\n"),
                "blank.txt",
                "empty report"));
        // outputs that are inputs
        c.add(new Case(
                "ground --output that is its --input",
                f -> {
                    Path s = samples(f);
                    return new String[] {
                        "ground", "--model", model.toString(), "--input", s.toString(), "--output", s.toString()
                    };
                },
                "samples.jsonl",
                "is also the input"));
        c.add(new Case(
                "ground --output that is an image of its input",
                f -> {
                    Path s = samples(f);
                    return new String[] {
                        "ground",
                        "--model",
                        model.toString(),
                        "--input",
                        s.toString(),
                        "--output",
                        f.resolve("cxr.png").toString()
                    };
                },
                "cxr.png",
                "is also the input"));
        c.add(new Case(
                "ground --overlay that is its --image",
                f -> {
                    Path img = Files.copy(good, f.resolve("cxr.png"));
                    return new String[] {
                        "ground",
                        "--model",
                        model.toString(),
                        "--image",
                        img.toString(),
                        "--text",
                        "Cardiomegaly.",
                        "--overlay",
                        f.resolve("./cxr.png").toString()
                    };
                },
                "cxr.png",
                "is also the input image"));
        c.add(new Case(
                "attach --output that is its --input",
                f -> {
                    Path in = reports(f);
                    return attach(in, in);
                },
                "reports.jsonl",
                "is also the input"));
        c.add(new Case(
                "attach --output through a link to its --input",
                f -> {
                    Path in = reports(f);
                    return attach(in, Files.createSymbolicLink(f.resolve("link.jsonl"), in));
                },
                "link.jsonl",
                "is also the input"));
        c.add(new Case(
                "attach --output that holds other lines than grounded ones",
                f -> {
                    Path other =
                            Files.writeString(f.resolve("other.jsonl"), "{\"id\": \"r1\", \"image\": \"cxr.png\"}\n");
                    return attach(reports(f), other);
                },
                "other.jsonl:1",
                "not a grounded line"));
        c.add(new Case(
                "attach whose error list would replace its input",
                f -> {
                    Path in = Files.move(reports(f), f.resolve("x.errors.jsonl"));
                    return attach(in, f.resolve("x.jsonl"));
                },
                "x.errors.jsonl",
                "would be overwritten by the error list"));
        c.add(new Case(
                "attach on an output another run is writing",
                f -> {
                    Path out = f.resolve("grounded.jsonl");
                    HELD.add(OutputLock.acquire(out));
                    return attach(reports(f), out);
                },
                "grounded.jsonl",
                "another ground4j run is writing it (process "
                        + ProcessHandle.current().pid()));
        // JSON Lines inputs
        c.add(samplesCase(
                "a samples file with a line that is not UTF-8",
                f -> {
                    Path s = samples(f);
                    byte[] b = Files.readAllBytes(s);
                    byte[] bad = Arrays.copyOf(b, b.length + 3);
                    bad[b.length] = '{';
                    bad[b.length + 1] = (byte) 0xC3;
                    bad[b.length + 2] = '\n';
                    return write(f, "samples.jsonl", bad);
                },
                "samples.jsonl:2",
                "not UTF-8"));
        c.add(samplesCase("a missing samples file", f -> f.resolve("none.jsonl"), "none.jsonl", "no such"));
        c.add(samplesCase(
                "a samples file that is a folder",
                f -> Files.createDirectories(f.resolve("d.jsonl")),
                "d.jsonl",
                "is a folder"));
        c.add(samplesCase(
                "a samples line that is not JSON",
                f -> Files.writeString(
                        f.resolve("s.jsonl"), "{\"id\": \"a\", \"image\": \"x.png\", \"sentence\": \"Effusion.\"\n"),
                "s.jsonl:1",
                ""));
        c.add(samplesCase(
                "a numeric sample id",
                f -> {
                    Files.copy(good, f.resolve("cxr.png"));
                    return Files.writeString(
                            f.resolve("n.jsonl"), "{\"id\": 7, \"image\": \"cxr.png\", \"sentence\": \"Effusion.\"}\n");
                },
                "n.jsonl:1",
                "id"));
        c.add(new Case(
                "eval --gold that is not UTF-8",
                f -> {
                    Path gold = write(f, "gold.jsonl", new byte[] {'{', (byte) 0xFF, '}', '\n'});
                    return new String[] {
                        "eval",
                        "--gold",
                        gold.toString(),
                        "--pred",
                        samples(f).toString(),
                        "--out",
                        f.resolve("eval").toString()
                    };
                },
                "gold.jsonl:1",
                "not UTF-8"));
        // checkpoints
        c.add(new Case(
                "a missing checkpoint", f -> ground(f.resolve("none"), good), "none", "no such checkpoint directory"));
        c.add(new Case(
                "a checkpoint that is a file",
                f -> ground(Files.writeString(f.resolve("model.bin"), "x"), good),
                "model.bin",
                "no such checkpoint directory"));
        c.add(new Case(
                "a checkpoint with a NaN weight",
                f -> ground(nanCheckpoint(f.resolve("nan")), good),
                "weights.safetensors",
                "holds NaN"));
        c.add(new Case(
                "a checkpoint whose weights were cut short",
                f -> {
                    Path copy = copyDir(model, f.resolve("cut"));
                    Path w = copy.resolve("weights.safetensors");
                    Files.write(w, Arrays.copyOf(Files.readAllBytes(w), (int) Files.size(w) / 2));
                    return ground(copy, good);
                },
                "weights.safetensors",
                "checksum mismatch"));
        // options
        c.add(new Case(
                "a threshold above 1",
                f -> new String[] {
                    "ground",
                    "--model",
                    model.toString(),
                    "--image",
                    good.toString(),
                    "--text",
                    "Effusion.",
                    "--threshold",
                    "2"
                },
                "threshold",
                "[0,1]"));
        c.add(new Case(
                "a pixel limit of 0",
                f -> new String[] {
                    "ground",
                    "--model",
                    model.toString(),
                    "--image",
                    good.toString(),
                    "--text",
                    "Effusion.",
                    "--max-image-pixels",
                    "0"
                },
                "image limits",
                "positive"));
        c.add(new Case(
                "an unknown option",
                f -> new String[] {"ground", "--model", model.toString(), "--modle", "x"},
                "--modle",
                "Unknown option"));
        c.add(new Case(
                "ground without an image or input",
                f -> new String[] {"ground", "--model", model.toString()},
                "--image",
                "give"));
        c.add(new Case(
                "--shuffle-images on one image",
                f -> new String[] {
                    "ground",
                    "--model",
                    model.toString(),
                    "--image",
                    good.toString(),
                    "--text",
                    "Effusion.",
                    "--shuffle-images",
                    "3"
                },
                "--shuffle-images",
                "needs a batch"));
        // training
        c.add(new Case(
                "a missing run configuration",
                f -> new String[] {"train", "--config", f.resolve("run.yaml").toString()},
                "run.yaml",
                ""));
        c.add(new Case(
                "a run configuration with an unknown key",
                f -> new String[] {
                    "train",
                    "--config",
                    Files.writeString(
                                    f.resolve("run.yaml"),
                                    "tokenizer: t.json\ndata: {expert_train: a.jsonl, expert_val: b.jsonl}\nepochz: 3\n")
                            .toString()
                },
                "epochz",
                ""));
        c.add(new Case(
                "a run whose out is one of its data files",
                f -> {
                    Path data = Files.writeString(f.resolve("expert.jsonl"), "");
                    return train(f, data.toString(), data);
                },
                "expert.jsonl",
                "is also the input"));
        c.add(new Case(
                "a run on an out another run is writing",
                f -> {
                    HELD.add(OutputLock.acquire(f.resolve("run")));
                    return train(f, f.resolve("run").toString(), f.resolve("expert.jsonl"));
                },
                "run",
                "another ground4j run is writing it"));
        return c;
    }

    /** Locks held by the cases that need another writer; released after the run. */
    static final List<OutputLock> HELD = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> everyBadInputExitsTwoWithOneLineNamingItAndChangesNothing() {
        List<Case> all = cases();
        return java.util.stream.IntStream.range(0, all.size())
                .mapToObj(i ->
                        DynamicTest.dynamicTest(all.get(i).title(), () -> check(all.get(i), dir.resolve("case" + i))));
    }

    private void check(Case c, Path folder) throws Exception {
        Files.createDirectories(folder);
        String[] args = c.setup().args(folder);
        Map<Path, String> before = snapshot(folder);
        Map<Path, String> modelBefore = snapshot(model);
        std.reset();
        int status;
        try {
            status = Main.run(args);
        } finally {
            HELD.forEach(OutputLock::close);
            HELD.clear();
        }
        List<String> lines = std.err().lines().filter(l -> !l.isBlank()).toList();
        assertThat(status).as("exit status; stderr: %s", std.err()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(lines).as("one line on stderr").hasSize(1);
        String line = lines.get(0);
        assertThat(line)
                .startsWith("ground4j")
                .contains(c.names())
                .contains(c.problem())
                .doesNotContain("internal error")
                .doesNotContain("Exception")
                .doesNotContain("libpng");
        assertThat(std.out()).as("nothing on stdout").isEmpty();
        Map<Path, String> after = snapshot(folder);
        after.keySet().removeIf(BadInputCorpusTest::isLock);
        before.keySet().removeIf(BadInputCorpusTest::isLock);
        assertThat(after).as("files given are unchanged, no output written").isEqualTo(before);
        assertThat(snapshot(model)).isEqualTo(modelBefore);
    }

    @Test
    void inAttachEachBadRowIsThatRowsErrorAndTheGoodRowsAreWritten() throws Exception {
        Path f = Files.createDirectories(dir.resolve("rows"));
        Files.copy(good, f.resolve("cxr.png"));
        write(f, "bomb.png", pngBomb(30_000));
        write(f, "third.jpg", cutScan(jpeg()));
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(utf8("{\"id\": \"ok\", \"image\": \"cxr.png\", \"report\": \"Cardiomegaly. No effusion.\"}\n"));
        in.writeBytes(new byte[] {'{', '"', 'i', 'd', '"', ':', ' ', '"', (byte) 0xE9, '"', '}', '\n'});
        in.writeBytes(utf8("{\"id\": 12, \"image\": \"cxr.png\", \"report\": \"Effusion.\"}\n"));
        in.writeBytes(utf8("{\"id\": \"bomb\", \"image\": \"bomb.png\", \"report\": \"Effusion.\"}\n"));
        in.writeBytes(utf8("{\"id\": \"cut\", \"image\": \"third.jpg\", \"report\": \"Effusion.\"}\n"));
        Path input = write(f, "reports.jsonl", in.toByteArray());
        Path out = f.resolve("grounded.jsonl");
        std.reset();
        assertThat(Main.run(attach(input, out))).isEqualTo(Main.EXIT_BAD_INPUT);
        List<String> lines = std.err().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).contains("reports.jsonl:2").contains("line 2 is not UTF-8");
        assertThat(lines.get(1)).contains("reports.jsonl:3").contains("\"id\" must be a non-empty string, got 12");
        assertThat(lines.get(2))
                .contains("reports.jsonl:4")
                .contains("(id bomb)")
                .contains("declares 30000 x 30000");
        assertThat(lines.get(3))
                .contains("reports.jsonl:5")
                .contains("(id cut)")
                .contains("damaged or truncated JPEG");
        assertThat(lines.get(4)).contains("1 grounded").contains("4 bad");
        assertThat(Files.readAllLines(out)).hasSize(1).allMatch(l -> l.contains("\"id\":\"ok\""));
        assertThat(Files.readAllLines(f.resolve("grounded.errors.jsonl"))).hasSize(4);
    }

    @Test
    void aReportFilesByteOrderMarkStaysOutOfTheFirstSentence() throws IOException {
        Path report = write(
                Files.createDirectories(dir.resolve("bom")), "report.txt", utf8("\uFEFFCardiomegaly. No effusion."));
        std.reset();
        assertThat(Main.run(
                        "ground",
                        "--model",
                        model.toString(),
                        "--image",
                        good.toString(),
                        "--report",
                        report.toString()))
                .as(std.err())
                .isZero();
        com.fasterxml.jackson.databind.JsonNode first = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(std.out())
                .get("sentences")
                .get(0);
        assertThat(first.get("text").asText()).isEqualTo("Cardiomegaly.");
        assertThat(first.get("start").asInt()).isZero();
    }

    // ---- the command lines

    /** Makes the one bad file of a case. */
    @FunctionalInterface
    interface FileSetup {
        Path file(Path folder) throws Exception;
    }

    /** {@code ground --image FILE}. */
    private static Case image(String title, FileSetup file, String names, String problem) {
        return new Case(title, f -> ground(model, file.file(f)), names, problem);
    }

    /** {@code ground --image good.png --report FILE}. */
    private static Case report(String title, FileSetup file, String names, String problem) {
        return new Case(
                title,
                f -> new String[] {
                    "ground",
                    "--model",
                    model.toString(),
                    "--image",
                    good.toString(),
                    "--report",
                    file.file(f).toString()
                },
                names,
                problem);
    }

    /** {@code ground --input FILE --output preds.jsonl}. */
    private static Case samplesCase(String title, FileSetup file, String names, String problem) {
        return new Case(
                title,
                f -> new String[] {
                    "ground",
                    "--model",
                    model.toString(),
                    "--input",
                    file.file(f).toString(),
                    "--output",
                    f.resolve("preds.jsonl").toString()
                },
                names,
                problem);
    }

    private static String[] ground(Path checkpoint, Path image) {
        return new String[] {
            "ground", "--model", checkpoint.toString(), "--image", image.toString(), "--text", "Cardiomegaly."
        };
    }

    private static String[] attach(Path in, Path out) {
        return new String[] {"attach", "--model", model.toString(), "--input", in.toString(), "--output", out.toString()
        };
    }

    private static String[] train(Path f, String out, Path expertTrain) throws IOException {
        String yaml = "stage: expert\ntokenizer: " + f.resolve("tokenizer.json") + "\ndata: {expert_train: "
                + expertTrain + ", expert_val: " + f.resolve("val.jsonl") + "}\nout: " + out + "\n";
        return new String[] {
            "train", "--config", Files.writeString(f.resolve("run.yaml"), yaml).toString()
        };
    }

    private static Path samples(Path f) throws IOException {
        Files.copy(good, f.resolve("cxr.png"));
        return Files.writeString(
                f.resolve("samples.jsonl"),
                "{\"id\": \"s1\", \"image\": \"cxr.png\", \"sentence\": \"Left effusion.\", \"boxes\": []}\n");
    }

    private static Path reports(Path f) throws IOException {
        if (!Files.exists(f.resolve("cxr.png"))) {
            Files.copy(good, f.resolve("cxr.png"));
        }
        return Files.writeString(
                f.resolve("reports.jsonl"),
                "{\"id\": \"r1\", \"image\": \"cxr.png\", \"report\": \"Cardiomegaly.\"}\n");
    }

    private static Path nanCheckpoint(Path to) {
        Checkpoint c = CheckpointIO.load(model);
        String name = c.weights().names().iterator().next();
        c.weights().asMap().get(name).putScalar(0, Float.NaN);
        CheckpointIO.save(to, c);
        return to;
    }

    // ---- the bad files

    private static byte[] png() {
        try {
            return Files.readAllBytes(good);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] jpeg() {
        BufferedImage img = new BufferedImage(96, 80, BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = new byte[96 * 80];
        new Random(28).nextBytes(px);
        img.getRaster().setDataElements(0, 0, 96, 80, px);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "jpeg", out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] b, int x, int y, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == x && (b[i + 1] & 0xFF) == y) {
                return i;
            }
        }
        throw new AssertionError("marker not found");
    }

    private static int scanStart(byte[] jpeg) {
        int sos = indexOf(jpeg, 0xFF, 0xDA, 2);
        return sos + 2 + (((jpeg[sos + 2] & 0xFF) << 8) | (jpeg[sos + 3] & 0xFF));
    }

    static byte[] cutScan(byte[] jpeg) {
        int keep = scanStart(jpeg) + (jpeg.length - scanStart(jpeg)) / 3;
        byte[] cut = Arrays.copyOf(jpeg, keep + 2);
        cut[keep] = (byte) 0xFF;
        cut[keep + 1] = (byte) 0xD9;
        return cut;
    }

    static byte[] strayMarker(byte[] jpeg) {
        byte[] b = jpeg.clone();
        int at = scanStart(b) + (b.length - scanStart(b)) / 2;
        b[at] = (byte) 0xFF;
        b[at + 1] = (byte) 0xD3;
        return b;
    }

    private static byte[] jpegBomb() {
        byte[] b = jpeg();
        int sof = indexOf(b, 0xFF, 0xC0, 2);
        Arrays.fill(b, sof + 5, sof + 9, (byte) 0xFD); // height and width 0xFDFD
        return b;
    }

    private static int chunk(byte[] png, String type) {
        int pos = 8;
        while (true) {
            int len = ByteBuffer.wrap(png, pos, 4).getInt();
            if (new String(png, pos + 4, 4, StandardCharsets.US_ASCII).equals(type)) {
                return pos;
            }
            pos += 12 + len;
        }
    }

    static byte[] damagedCrc(byte[] png) {
        byte[] b = png.clone();
        b[chunk(b, "IDAT") + 12] ^= 0x10;
        return b;
    }

    private static byte[] chunkBytes(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        b.putInt(data.length).put(t).put(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        return b.putInt((int) crc.getValue()).array();
    }

    private static byte[] shortIdat(byte[] png) {
        int idat = chunk(png, "IDAT");
        int len = ByteBuffer.wrap(png, idat, 4).getInt();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, idat);
        out.writeBytes(chunkBytes("IDAT", Arrays.copyOfRange(png, idat + 8, idat + 8 + len / 3)));
        out.writeBytes(chunkBytes("IEND", new byte[0]));
        return out.toByteArray();
    }

    private static byte[] pngBomb(int side) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        out.writeBytes(chunkBytes(
                "IHDR",
                ByteBuffer.allocate(13)
                        .putInt(side)
                        .putInt(side)
                        .put((byte) 8)
                        .put(new byte[4])
                        .array()));
        out.writeBytes(chunkBytes("IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}));
        out.writeBytes(chunkBytes("IEND", new byte[0]));
        return out.toByteArray();
    }

    private static byte[] halfDicom() {
        byte[] px = new byte[64 * 48 * 2];
        new Random(3).nextBytes(px);
        byte[] whole = dicom(64, 48, "1.2.840.10008.1.2.1", px);
        return Arrays.copyOf(whole, whole.length - px.length / 2);
    }

    /** A minimal Part-10 file: 16-bit MONOCHROME2 pixels in the given transfer syntax (explicit VR little endian). */
    private static byte[] dicom(int w, int h, String syntax, byte[] pixels) {
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        element(meta, 0x0002, 0x0010, "UI", even(syntax));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes(utf8("DICM"));
        element(
                out,
                0x0002,
                0x0000,
                "UL",
                ByteBuffer.allocate(4)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putInt(meta.size())
                        .array());
        out.writeBytes(meta.toByteArray());
        element(out, 0x0028, 0x0002, "US", u16(1));
        element(out, 0x0028, 0x0004, "CS", even("MONOCHROME2"));
        element(out, 0x0028, 0x0010, "US", u16(h));
        element(out, 0x0028, 0x0011, "US", u16(w));
        element(out, 0x0028, 0x0100, "US", u16(16));
        element(out, 0x0028, 0x0101, "US", u16(12));
        element(out, 0x0028, 0x0102, "US", u16(11));
        element(out, 0x0028, 0x0103, "US", u16(0));
        element(out, 0x7FE0, 0x0010, "OW", pixels);
        return out.toByteArray();
    }

    private static void element(ByteArrayOutputStream out, int group, int elem, String vr, byte[] value) {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) group).putShort((short) elem).put(vr.getBytes(StandardCharsets.US_ASCII));
        if (vr.equals("OW") || vr.equals("OB")) {
            b.putShort((short) 0).putInt(value.length);
        } else {
            b.putShort((short) value.length);
        }
        out.write(b.array(), 0, b.position());
        out.writeBytes(value);
    }

    private static byte[] u16(int v) {
        return ByteBuffer.allocate(2)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) v)
                .array();
    }

    private static byte[] even(String s) {
        byte[] b = utf8(s);
        return b.length % 2 == 0 ? b : Arrays.copyOf(b, b.length + 1);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Path write(Path folder, String name, byte[] bytes) throws IOException {
        return Files.write(folder.resolve(name), bytes);
    }

    private static Path copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path p : files.toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
        return to;
    }

    private static boolean isLock(Path p) {
        return p.getFileName().toString().matches("\\..*\\.lock");
    }

    /** Every file under {@code root} with its SHA-256. */
    private static Map<Path, String> snapshot(Path root) throws IOException {
        Map<Path, String> out = new TreeMap<>();
        if (!Files.exists(root)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p), sha256(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
