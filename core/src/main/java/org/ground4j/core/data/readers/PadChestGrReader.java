package org.ground4j.core.data.readers;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.data.Sample;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.image.ImageHeaders;

/**
 * Reads PadChest-GR (Castro et al. 2025) into samples: one per finding sentence, id {@code <ImageID>#<finding index>},
 * English ({@code sentence_en}) or Spanish ({@code sentence_es}), category the finding's {@code labels} joined by
 * {@code ", "}. A finding without boxes is a zero-box sample (a negative or normal statement), never skipped.
 *
 * <p>Layout (datasets.md): {@code grounded_reports_*.json} (a JSON array of studies with {@code ImageID} and
 * {@code findings}), {@code master_table.csv} ({@code ImageID}, {@code split}, one or several rows per image),
 * and the images in {@code images_grounding/} (else next to the JSON).
 *
 * <p>Coordinates are checked, not assumed: if any box coordinate in the file exceeds 1, the whole file is read as
 * pixel corners and normalised by each image's size (read from the image header), and a note says so.
 * Studies and findings that cannot be used (missing or unreadable image, malformed record, a box outside the
 * image) are reported as {@link ReadProblem}s; a malformed JSON text ends the reading at that point with a problem,
 * keeping the studies before it.
 */
public final class PadChestGrReader {

    /**
     * @param language    "en" or "es"
     * @param split       keep only this {@code split} of the master table ("train", "validation", "test"), or null
     * @param checkImages check that each image exists and is readable (always done for pixel coordinates)
     */
    public record Options(String language, String split, boolean checkImages) {
        public Options {
            if (!"en".equals(language) && !"es".equals(language)) {
                throw new IllegalArgumentException("PadChest-GR language must be \"en\" or \"es\", got " + language);
            }
        }

        /** English, every split, images checked. */
        public static final Options DEFAULT = new Options("en", null, true);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private PadChestGrReader() {}

    /**
     * @param in the dataset folder, or its {@code grounded_reports_*.json}
     * @throws InvalidInputException if there is no grounded-reports JSON array, or a split is requested without
     *                               a master table
     */
    public static ReadResult<Sample> read(Path in, Options options) {
        Path json = Files.isDirectory(in) ? findReports(in) : in;
        Path root = json.toAbsolutePath().getParent();
        List<ReadProblem> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<JsonNode> studies = readStudies(json, problems);
        Map<String, String> splits = readSplits(root.resolve("master_table.csv"), options.split(), problems, notes);
        Path images = Files.isDirectory(root.resolve("images_grounding")) ? root.resolve("images_grounding") : root;

        double largest = largestCoordinate(studies);
        boolean pixels = largest > 1;
        notes.add(
                pixels
                        ? "coordinates: pixels (largest coordinate " + largest
                                + " > 1): normalised by each image's size"
                        : "coordinates: normalised to [0,1] (largest coordinate " + largest + ")");
        notes.add("sentences: sentence_" + options.language());
        notes.add(
                options.checkImages() || pixels
                        ? "images: checked in " + images
                        : "images: not checked (expected in " + images + ")");

        String file = json.toString();
        List<Sample> samples = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        BoxCheck check = new BoxCheck();
        int otherSplit = 0;
        int extraBoxes = 0;
        for (int s = 0; s < studies.size(); s++) {
            JsonNode study = studies.get(s);
            JsonNode idNode = study.get("ImageID");
            if (idNode == null || !idNode.isTextual() || idNode.asText().isBlank()) {
                problems.add(new ReadProblem(
                        ReadProblem.Kind.MALFORMED_RECORD, file, "study " + s, "no \"ImageID\" string"));
                continue;
            }
            String imageId = idNode.asText();
            String record = "ImageID " + imageId;
            if (!seen.add(imageId)) {
                problems.add(new ReadProblem(
                        ReadProblem.Kind.DUPLICATE,
                        file,
                        record + " (study " + s + ")",
                        "the same ImageID appears earlier in the file; only the first is read"));
                continue;
            }
            if (options.split() != null) {
                String split = splits.get(imageId);
                if (split == null) {
                    problems.add(new ReadProblem(
                            ReadProblem.Kind.NO_SPLIT,
                            file,
                            record,
                            "not in master_table.csv, so its split is unknown"));
                    continue;
                }
                if (!split.equals(options.split())) {
                    otherSplit++;
                    continue;
                }
            }
            JsonNode findings = study.get("findings");
            if (findings == null || !findings.isArray()) {
                problems.add(new ReadProblem(ReadProblem.Kind.MALFORMED_RECORD, file, record, "no \"findings\" array"));
                continue;
            }
            Path image = images.resolve(imageId);
            ImageHeaders.Size size = null;
            if (options.checkImages() || pixels) {
                size = ImageCheck.size(image, file, record, problems);
                if (size == null) {
                    continue;
                }
            }
            for (int k = 0; k < findings.size(); k++) {
                JsonNode f = findings.get(k);
                extraBoxes += f.has("extra_boxes") && f.get("extra_boxes").size() > 0 ? 1 : 0;
                Sample sample = finding(
                        f,
                        imageId + "#" + k,
                        image,
                        pixels ? size : null,
                        options.language(),
                        file,
                        record + ", finding " + k,
                        check,
                        problems);
                if (sample != null) {
                    samples.add(sample);
                }
            }
        }
        if (options.split() != null) {
            notes.add("split \"" + options.split() + "\": " + otherSplit + " studies of other splits left out");
        }
        if (extraBoxes > 0) {
            notes.add("\"extra_boxes\" present on " + extraBoxes + " findings: not used (only \"boxes\" are read)");
        }
        if (check.clipped() > 0) {
            notes.add(check.clipped() + " boxes reached just past the image border and were clipped to it");
        }
        return new ReadResult<>(samples, problems, notes);
    }

    private static Sample finding(
            JsonNode f,
            String id,
            Path image,
            ImageHeaders.Size pixelSize,
            String lang,
            String file,
            String record,
            BoxCheck check,
            List<ReadProblem> problems) {
        if (f == null || !f.isObject()) {
            problems.add(new ReadProblem(ReadProblem.Kind.MALFORMED_RECORD, file, record, "finding is not an object"));
            return null;
        }
        JsonNode sentence = f.get("sentence_" + lang);
        if (sentence == null || !sentence.isTextual() || sentence.asText().isBlank()) {
            problems.add(new ReadProblem(
                    ReadProblem.Kind.MALFORMED_RECORD, file, record, "no \"sentence_" + lang + "\" text"));
            return null;
        }
        List<Box> boxes = new ArrayList<>();
        JsonNode arr = f.get("boxes");
        if (arr != null && !arr.isNull()) {
            if (!arr.isArray()) {
                problems.add(
                        new ReadProblem(ReadProblem.Kind.MALFORMED_RECORD, file, record, "\"boxes\" is not an array"));
                return null;
            }
            for (JsonNode b : arr) {
                double[] c = corners(b);
                if (c == null) {
                    problems.add(new ReadProblem(
                            ReadProblem.Kind.BAD_BOX,
                            file,
                            record,
                            "box " + b + " is not [x1, y1, x2, y2] numbers; finding skipped"));
                    return null;
                }
                try {
                    boxes.add(
                            pixelSize == null
                                    ? check.normalise(c[0], c[1], c[2], c[3], 1, 1, BoxCheck.UNIT_TOLERANCE)
                                    : check.normalise(
                                            c[0],
                                            c[1],
                                            c[2],
                                            c[3],
                                            pixelSize.width(),
                                            pixelSize.height(),
                                            BoxCheck.PIXEL_TOLERANCE));
                } catch (IllegalArgumentException e) {
                    problems.add(new ReadProblem(
                            ReadProblem.Kind.BAD_BOX, file, record, e.getMessage() + "; finding skipped"));
                    return null;
                }
            }
        }
        List<String> labels = new ArrayList<>();
        JsonNode l = f.get("labels");
        if (l != null && l.isArray()) {
            l.forEach(x -> {
                if (x.isTextual() && !x.asText().isBlank()) {
                    labels.add(x.asText().trim());
                }
            });
        }
        return new Sample(
                id,
                image.toAbsolutePath().normalize().toString(),
                sentence.asText().trim(),
                boxes,
                null,
                labels.isEmpty() ? null : String.join(", ", labels),
                lang);
    }

    private static double[] corners(JsonNode b) {
        if (b == null || !b.isArray() || b.size() != 4) {
            return null;
        }
        double[] c = new double[4];
        for (int i = 0; i < 4; i++) {
            if (!b.get(i).isNumber()) {
                return null;
            }
            c[i] = b.get(i).asDouble();
        }
        return c;
    }

    /** The largest numeric box coordinate in the file: the evidence for pixel or normalised coordinates. */
    private static double largestCoordinate(List<JsonNode> studies) {
        double max = 0;
        for (JsonNode study : studies) {
            JsonNode findings = study.get("findings");
            if (findings == null || !findings.isArray()) {
                continue;
            }
            for (JsonNode f : findings) {
                JsonNode boxes = f.get("boxes");
                if (boxes == null || !boxes.isArray()) {
                    continue;
                }
                for (JsonNode b : boxes) {
                    if (b.isArray()) {
                        for (JsonNode v : b) {
                            if (v.isNumber() && Double.isFinite(v.asDouble())) {
                                max = Math.max(max, v.asDouble());
                            }
                        }
                    }
                }
            }
        }
        return max;
    }

    private static Path findReports(Path dir) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "grounded_reports*.json")) {
            ds.forEach(found::add);
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot list folder: " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new InvalidInputException(dir + ": no grounded_reports*.json (the PadChest-GR annotations) found");
        }
        found.sort(null);
        return found.get(found.size() - 1);
    }

    /** Studies of the JSON array; a syntax error mid-file keeps those before it and adds a problem. */
    private static List<JsonNode> readStudies(Path json, List<ReadProblem> problems) {
        List<JsonNode> studies = new ArrayList<>();
        try (JsonParser p = JSON.getFactory().createParser(json.toFile())) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new InvalidInputException(json + ": expected a JSON array of studies, found " + p.currentToken());
            }
            try {
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) {
                        problems.add(new ReadProblem(
                                ReadProblem.Kind.MALFORMED_FILE,
                                json.toString(),
                                "after study " + studies.size(),
                                "file ends inside the array"));
                        break;
                    }
                    JsonNode node = JSON.readTree(p);
                    if (node.isObject()) {
                        studies.add(node);
                    } else {
                        problems.add(new ReadProblem(
                                ReadProblem.Kind.MALFORMED_RECORD,
                                json.toString(),
                                "study " + studies.size(),
                                "expected an object, found " + node.getNodeType()));
                    }
                }
            } catch (JsonProcessingException e) {
                problems.add(new ReadProblem(
                        ReadProblem.Kind.MALFORMED_FILE,
                        json.toString(),
                        "line " + e.getLocation().getLineNr() + ", column "
                                + e.getLocation().getColumnNr(),
                        "malformed JSON (" + e.getOriginalMessage() + "); the " + studies.size()
                                + " studies before it are kept, the rest of the file is not read"));
            }
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new InvalidInputException(json + ": no such file");
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(json + ": not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException(json + ": cannot read: " + e.getMessage(), e);
        }
        return studies;
    }

    /** ImageID -> split from the master table (several rows per image are fine if they agree). */
    private static Map<String, String> readSplits(
            Path table, String wanted, List<ReadProblem> problems, List<String> notes) {
        Map<String, String> splits = new HashMap<>();
        if (!Files.isRegularFile(table)) {
            if (wanted != null) {
                throw new InvalidInputException(
                        table + ": no master table, so split \"" + wanted + "\" cannot be selected");
            }
            notes.add("master_table.csv: not found, no split information");
            return splits;
        }
        Csv csv = Csv.read(table);
        csv.require("ImageID", "split");
        Set<String> conflicting = new HashSet<>();
        for (Csv.Row row : csv.rows()) {
            String id = csv.get(row, "ImageID");
            String split = csv.get(row, "split");
            if (id == null || id.isBlank() || split == null || split.isBlank()) {
                problems.add(new ReadProblem(
                        ReadProblem.Kind.MALFORMED_RECORD,
                        table.toString(),
                        "line " + row.line(),
                        "row without ImageID or split"));
                continue;
            }
            String before = splits.putIfAbsent(id.trim(), split.trim().toLowerCase(Locale.ROOT));
            if (before != null && !before.equals(split.trim().toLowerCase(Locale.ROOT)) && conflicting.add(id)) {
                problems.add(new ReadProblem(
                        ReadProblem.Kind.NO_SPLIT,
                        table.toString(),
                        "line " + row.line(),
                        "ImageID " + id + " is in split \"" + before + "\" and \"" + split + "\"; left out"));
            }
        }
        conflicting.forEach(splits::remove);
        notes.add("master_table.csv: split known for " + splits.size() + " images");
        return splits;
    }
}
