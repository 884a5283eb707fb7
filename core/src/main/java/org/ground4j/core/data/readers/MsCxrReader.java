package org.ground4j.core.data.readers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.data.Sample;
import org.ground4j.core.geometry.Box;

/**
 * Reads MS-CXR (Boecking et al. 2022) into samples: one per phrase, where the rows (or COCO annotations) with the
 * same image and the same {@code label_text} are one phrase with all their boxes. Boxes come in pixels as
 * {@code x, y, w, h} (top-left and size) of the original image and are normalised by {@code image_width} and
 * {@code image_height}. Ids are {@code <dicom_id>#<n>}, n counting the image's phrases in file order; category is
 * {@code category_name}; language "en".
 *
 * <p>Two distributions are read: the CSV {@code MS_CXR_Local_Alignment_v1.x.x.csv} (columns {@code dicom_id},
 * {@code category_name}, {@code label_text}, {@code path}, {@code x}, {@code y}, {@code w}, {@code h},
 * {@code image_width}, {@code image_height}, optionally {@code split}) and the COCO-style JSON of the same name
 * ({@code images}, {@code annotations} with {@code bbox} and {@code label_text}, {@code categories}).
 *
 * <p>A phrase with one malformed box is dropped whole with a problem (keeping the others would change a
 * multi-box phrase into a wrong one). Images are checked only when their root (MIMIC-CXR-JPG) is given.
 */
public final class MsCxrReader {

    /**
     * @param imagesRoot the MIMIC-CXR-JPG folder the {@code path} column is relative to, or null (not checked;
     *                   image paths stay relative to it)
     * @param split      keep only this split ("train", "val", "test"), or null for all
     */
    public record Options(Path imagesRoot, String split) {
        public static final Options DEFAULT = new Options(null, null);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One box row before grouping; {@code defect} says why its box cannot be used, or is null. */
    private record Row(
            String dicomId,
            String text,
            String category,
            String path,
            String split,
            double[] xywh,
            double width,
            double height,
            String record,
            String defect) {}

    private MsCxrReader() {}

    /** Reads a {@code .csv} or a COCO {@code .json}. */
    public static ReadResult<Sample> read(Path file, Options options) {
        List<ReadProblem> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Row> rows = file.toString().toLowerCase(Locale.ROOT).endsWith(".json")
                ? cocoRows(file, problems)
                : csvRows(file, problems, notes);
        notes.add("boxes: pixel x, y, w, h normalised by image_width and image_height");
        notes.add(
                options.imagesRoot() == null
                        ? "images: not checked; paths are relative to the MIMIC-CXR-JPG root (pass its folder to check them)"
                        : "images: checked under " + options.imagesRoot());
        return group(file.toString(), rows, options, problems, notes);
    }

    private static ReadResult<Sample> group(
            String file, List<Row> rows, Options options, List<ReadProblem> problems, List<String> notes) {
        Map<List<String>, List<Row>> phrases = new LinkedHashMap<>();
        int otherSplit = 0;
        for (Row r : rows) {
            if (options.split() != null) {
                if (r.split() == null) {
                    problems.add(new ReadProblem(
                            ReadProblem.Kind.NO_SPLIT,
                            file,
                            r.record(),
                            "no split given, so it cannot be selected for split \"" + options.split() + "\""));
                    continue;
                }
                if (!r.split().equalsIgnoreCase(options.split())) {
                    otherSplit++;
                    continue;
                }
            }
            phrases.computeIfAbsent(List.of(r.dicomId(), r.text()), k -> new ArrayList<>())
                    .add(r);
        }
        List<Sample> samples = new ArrayList<>();
        Map<String, Integer> perImage = new HashMap<>();
        BoxCheck check = new BoxCheck();
        for (List<Row> group : phrases.values()) {
            Row first = group.get(0);
            int n = perImage.merge(first.dicomId(), 1, Integer::sum) - 1;
            String record = "dicom_id " + first.dicomId() + ", phrase \"" + first.text() + "\"";
            Sample s = phrase(first.dicomId() + "#" + n, group, options, file, record, check, problems);
            if (s != null) {
                samples.add(s);
            }
        }
        if (options.split() != null) {
            notes.add("split \"" + options.split() + "\": " + otherSplit + " boxes of other splits left out");
        }
        if (check.clipped() > 0) {
            notes.add(check.clipped() + " boxes reached just past the image border and were clipped to it");
        }
        return new ReadResult<>(samples, problems, notes);
    }

    private static Sample phrase(
            String id,
            List<Row> group,
            Options options,
            String file,
            String record,
            BoxCheck check,
            List<ReadProblem> problems) {
        Row first = group.get(0);
        for (Row r : group) {
            if (r.defect() != null) {
                problems.add(new ReadProblem(
                        ReadProblem.Kind.MALFORMED_RECORD,
                        file,
                        record + " (" + r.record() + ")",
                        r.defect() + "; phrase skipped with its " + group.size() + " box(es)"));
                return null;
            }
        }
        for (Row r : group) {
            if (r.width() != first.width()
                    || r.height() != first.height()
                    || !Objects.equals(r.path(), first.path())
                    || !Objects.equals(r.category(), first.category())) {
                problems.add(new ReadProblem(
                        ReadProblem.Kind.MALFORMED_RECORD,
                        file,
                        record,
                        "its rows disagree on image size, path or category (" + first.record() + " vs " + r.record()
                                + "); phrase skipped"));
                return null;
            }
        }
        List<Box> boxes = new ArrayList<>();
        for (Row r : group) {
            double[] b = r.xywh();
            if (b[2] < 0 || b[3] < 0) {
                problems.add(new ReadProblem(
                        ReadProblem.Kind.BAD_BOX,
                        file,
                        record + " (" + r.record() + ")",
                        "negative box size w=" + b[2] + ", h=" + b[3] + "; phrase skipped"));
                return null;
            }
            try {
                boxes.add(check.normalise(
                        b[0], b[1], b[0] + b[2], b[1] + b[3], r.width(), r.height(), BoxCheck.PIXEL_TOLERANCE));
            } catch (IllegalArgumentException e) {
                problems.add(new ReadProblem(
                        ReadProblem.Kind.BAD_BOX,
                        file,
                        record + " (" + r.record() + ")",
                        e.getMessage() + "; phrase skipped"));
                return null;
            }
        }
        String image = first.path() != null ? first.path() : first.dicomId() + ".jpg";
        if (options.imagesRoot() != null) {
            Path p = options.imagesRoot().resolve(image).toAbsolutePath().normalize();
            if (ImageCheck.size(p, file, record, problems) == null) {
                return null;
            }
            image = p.toString();
        }
        return new Sample(id, image, first.text(), boxes, null, first.category(), "en");
    }

    private static List<Row> csvRows(Path file, List<ReadProblem> problems, List<String> notes) {
        Csv csv = Csv.read(file);
        csv.require("dicom_id", "label_text", "x", "y", "w", "h", "image_width", "image_height");
        if (!csv.has("path")) {
            notes.add("no \"path\" column: image paths are <dicom_id>.jpg");
        }
        List<Row> rows = new ArrayList<>();
        String name = file.toString();
        for (Csv.Row row : csv.rows()) {
            String record = "line " + row.line();
            if (row.fields().size() != csv.header().size()) {
                problems.add(new ReadProblem(
                        ReadProblem.Kind.MALFORMED_RECORD,
                        name,
                        record,
                        "has " + row.fields().size() + " fields, the header has "
                                + csv.header().size()));
                continue;
            }
            String dicom = blankToNull(csv.get(row, "dicom_id"));
            String text = blankToNull(csv.get(row, "label_text"));
            if (dicom == null || text == null) {
                problems.add(new ReadProblem(
                        ReadProblem.Kind.MALFORMED_RECORD, name, record, "empty dicom_id or label_text"));
                continue;
            }
            double[] v = new double[6];
            String[] cols = {"x", "y", "w", "h", "image_width", "image_height"};
            String bad = null;
            for (int i = 0; i < cols.length && bad == null; i++) {
                v[i] = number(csv.get(row, cols[i]));
                if (!Double.isFinite(v[i])) {
                    bad = cols[i] + " = \"" + csv.get(row, cols[i]) + "\" is not a number";
                }
            }
            if (bad == null && (v[4] <= 0 || v[5] <= 0)) {
                bad = "image size " + v[4] + "x" + v[5] + " is not positive";
            }
            if (bad != null) {
                rows.add(new Row(
                        dicom, text.trim(), null, null, blankToNull(csv.get(row, "split")), null, 0, 0, record, bad));
                continue;
            }
            rows.add(new Row(
                    dicom,
                    text.trim(),
                    blankToNull(csv.get(row, "category_name")),
                    blankToNull(csv.get(row, "path")),
                    blankToNull(csv.get(row, "split")),
                    new double[] {v[0], v[1], v[2], v[3]},
                    v[4],
                    v[5],
                    record,
                    null));
        }
        return rows;
    }

    private static List<Row> cocoRows(Path file, List<ReadProblem> problems) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file + ": malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null
                || !root.path("images").isArray()
                || !root.path("annotations").isArray()) {
            throw new InvalidInputException(file + ": expected a COCO object with \"images\" and \"annotations\"");
        }
        String name = file.toString();
        Map<String, JsonNode> images = new HashMap<>();
        root.get("images").forEach(i -> images.put(i.path("id").asText(), i));
        Map<String, String> categories = new HashMap<>();
        root.path("categories")
                .forEach(c ->
                        categories.put(c.path("id").asText(), c.path("name").asText(null)));
        List<Row> rows = new ArrayList<>();
        JsonNode annotations = root.get("annotations");
        for (int a = 0; a < annotations.size(); a++) {
            JsonNode ann = annotations.get(a);
            String record =
                    "annotation " + a + (ann.has("id") ? " (id " + ann.get("id").asText() + ")" : "");
            JsonNode img = images.get(ann.path("image_id").asText());
            String text = blankToNull(ann.path("label_text").asText(null));
            JsonNode bbox = ann.get("bbox");
            if (img == null || text == null || bbox == null || !bbox.isArray() || bbox.size() != 4) {
                problems.add(new ReadProblem(
                        ReadProblem.Kind.MALFORMED_RECORD,
                        name,
                        record,
                        img == null
                                ? "image_id " + ann.path("image_id").asText() + " is not among the images"
                                : "needs \"label_text\" and \"bbox\": [x, y, w, h]"));
                continue;
            }
            String path = blankToNull(img.path("path").asText(null));
            String fileName = blankToNull(img.path("file_name").asText(null));
            String ref = path != null ? path : fileName;
            if (ref == null) {
                problems.add(new ReadProblem(
                        ReadProblem.Kind.MALFORMED_RECORD,
                        name,
                        record,
                        "its image has neither \"path\" nor \"file_name\""));
                continue;
            }
            String dicom = stem(ref);
            double width = ann.has("width")
                    ? ann.path("width").asDouble(Double.NaN)
                    : img.path("width").asDouble(Double.NaN);
            double height = ann.has("height")
                    ? ann.path("height").asDouble(Double.NaN)
                    : img.path("height").asDouble(Double.NaN);
            double[] xywh = new double[4];
            boolean numeric = true;
            for (int k = 0; k < 4; k++) {
                numeric &= bbox.get(k).isNumber();
                xywh[k] = bbox.get(k).asDouble();
            }
            String split = blankToNull(
                    ann.has("split")
                            ? ann.path("split").asText(null)
                            : img.path("split").asText(null));
            if (!numeric || !(width > 0) || !(height > 0)) {
                rows.add(new Row(
                        dicom,
                        text.trim(),
                        null,
                        ref,
                        split,
                        null,
                        0,
                        0,
                        record,
                        "bbox " + bbox + " or image size " + width + "x" + height + " is not usable"));
                continue;
            }
            rows.add(new Row(
                    dicom,
                    text.trim(),
                    categories.get(ann.path("category_id").asText()),
                    ref,
                    split,
                    xywh,
                    width,
                    height,
                    record,
                    null));
        }
        return rows;
    }

    private static String stem(String path) {
        String nameOnly = Path.of(path).getFileName().toString();
        int dot = nameOnly.lastIndexOf('.');
        return dot > 0 ? nameOnly.substring(0, dot) : nameOnly;
    }

    private static double number(String s) {
        if (s == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
