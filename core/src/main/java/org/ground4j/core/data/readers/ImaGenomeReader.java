package org.ground4j.core.data.readers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.data.Sample;
import org.ground4j.core.data.weak.WeakSample;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.image.ImageHeaders;

/**
 * Reads Chest ImaGenome scene graphs ({@code <dicom_id>_SceneGraph.json}) into weak sentence -> anatomy samples for
 * stage 1: one sample per report phrase of an image, with the boxes of every region the scene graph links it to,
 * the region name of each box and the phrase's finding attributes ({@code anatomicalfinding|no|pneumothorax}),
 * so that the weak-label cleanup can use them.
 *
 * <p>From each file: {@code objects} give region boxes ({@code bbox_name}, {@code original_x1..original_y2} in
 * pixels of the original image); {@code attributes} give, per region, the parallel lists {@code phrases},
 * {@code phrase_IDs} and {@code attributes}. A phrase named under several regions is one sample with several
 * boxes; a phrase linked only to regions without a box (e.g. "left chest wall") becomes a zero-box sample.
 * Extra keys are ignored.
 *
 * <p>The scene graph does not hold the image size, so it comes from MIMIC-CXR's metadata table
 * ({@code dicom_id}, {@code Rows}, {@code Columns}) or from the image's header under the MIMIC-CXR-JPG root.
 * Boxes reaching past the image are clipped to it (they do, on real files); a box entirely outside is reported.
 * Sample ids are {@code <dicom_id>#<phrase_ID>}; language "en".
 */
public final class ImaGenomeReader {

    /**
     * @param imagesRoot   the MIMIC-CXR-JPG folder holding {@code files/pNN/pSUBJECT/sSTUDY/<dicom_id>.jpg}, or null
     * @param metadataCsv  MIMIC-CXR's {@code mimic-cxr-2.0.0-metadata.csv} with image sizes, or null
     */
    public record Options(Path imagesRoot, Path metadataCsv) {
        public Options {
            if (imagesRoot == null && metadataCsv == null) {
                throw new InvalidInputException("Chest ImaGenome scene graphs hold no image size: give the "
                        + "MIMIC-CXR-JPG folder (images) or the MIMIC-CXR metadata table (Rows, Columns)");
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A phrase being collected across the regions that mention it. */
    private static final class Phrase {
        final String id;
        final String text;
        final Set<String> regions = new LinkedHashSet<>();
        final Set<String> attributes = new LinkedHashSet<>();

        Phrase(String id, String text) {
            this.id = id;
            this.text = text;
        }
    }

    private ImaGenomeReader() {}

    /** @param in a scene-graph file or a folder searched recursively for {@code *_SceneGraph.json} */
    public static ReadResult<WeakSample> read(Path in, Options options) {
        List<ReadProblem> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, ImageHeaders.Size> sizes =
                options.metadataCsv() == null ? Map.of() : sizes(options.metadataCsv(), problems);
        List<Path> files = sceneGraphs(in);
        notes.add("scene graphs: " + files.size() + " files");
        notes.add(
                options.metadataCsv() != null
                        ? "image sizes: from " + options.metadataCsv()
                                + (options.imagesRoot() != null ? ", else from the image headers" : "")
                        : "image sizes: from the image headers under " + options.imagesRoot());
        List<WeakSample> samples = new ArrayList<>();
        AtomicInteger clipped = new AtomicInteger();
        int unboxedOnly = 0;
        for (Path f : files) {
            JsonNode graph;
            try {
                graph = JSON.readTree(Files.readAllBytes(f));
            } catch (JsonProcessingException e) {
                problems.add(new ReadProblem(
                        ReadProblem.Kind.MALFORMED_FILE,
                        f.toString(),
                        "whole file",
                        "malformed JSON: " + e.getOriginalMessage()));
                continue;
            } catch (IOException e) {
                problems.add(new ReadProblem(
                        ReadProblem.Kind.MALFORMED_FILE, f.toString(), "whole file", "cannot read: " + e.getMessage()));
                continue;
            }
            if (graph == null || !graph.isObject() || !graph.path("objects").isArray()) {
                problems.add(new ReadProblem(
                        ReadProblem.Kind.MALFORMED_FILE,
                        f.toString(),
                        "whole file",
                        "expected a scene graph object with an \"objects\" array"));
                continue;
            }
            List<WeakSample> fromFile = graph(f, graph, options, sizes, clipped, problems);
            unboxedOnly += (int)
                    fromFile.stream().filter(w -> w.sample().boxes().isEmpty()).count();
            samples.addAll(fromFile);
        }
        notes.add("phrases: " + samples.size() + ", of which " + unboxedOnly
                + " link only to regions without a box (zero-box samples)");
        if (clipped.get() > 0) {
            notes.add(clipped.get() + " region boxes reached past the image border and were clipped to it");
        }
        return new ReadResult<>(samples, problems, notes);
    }

    private static List<WeakSample> graph(
            Path f,
            JsonNode graph,
            Options options,
            Map<String, ImageHeaders.Size> sizes,
            AtomicInteger clipped,
            List<ReadProblem> problems) {
        String file = f.toString();
        String name = f.getFileName().toString();
        String imageId = graph.path("image_id").isTextual()
                ? graph.get("image_id").asText()
                : name.replace("_SceneGraph.json", "");
        Path relative = mimicPath(
                imageId,
                graph.path("patient_id").asText(""),
                graph.path("study_id").asText(""));
        String image = relative.toString();
        ImageHeaders.Size size = sizes.get(imageId);
        if (options.imagesRoot() != null) {
            Path p = options.imagesRoot().resolve(relative).toAbsolutePath().normalize();
            if (size == null) {
                size = ImageCheck.size(p, file, "image " + imageId, problems);
                if (size == null) {
                    return List.of();
                }
            } else if (!Files.isRegularFile(p)) {
                problems.add(new ReadProblem(
                        ReadProblem.Kind.MISSING_IMAGE, file, "image " + imageId, "image " + p + " does not exist"));
                return List.of();
            }
            image = p.toString();
        }
        if (size == null) {
            problems.add(new ReadProblem(
                    ReadProblem.Kind.NO_IMAGE_SIZE,
                    file,
                    "image " + imageId,
                    "no size for " + imageId + " in " + options.metadataCsv()));
            return List.of();
        }
        Map<String, Box> regionBoxes = regionBoxes(graph.get("objects"), size, file, clipped, problems);
        Map<String, Phrase> phrases = new LinkedHashMap<>();
        JsonNode entries = graph.path("attributes");
        for (int e = 0; e < entries.size(); e++) {
            collect(entries.get(e), regionBoxes, phrases, file, "attributes[" + e + "]", problems);
        }
        List<WeakSample> out = new ArrayList<>();
        for (Phrase ph : phrases.values()) {
            List<Box> boxes = new ArrayList<>();
            List<String> regions = new ArrayList<>();
            for (String r : ph.regions) {
                if (regionBoxes.containsKey(r)) {
                    boxes.add(regionBoxes.get(r));
                    regions.add(r);
                }
            }
            Sample s = new Sample(imageId + "#" + ph.id, image, ph.text, boxes, null, null, "en");
            out.add(new WeakSample(s, regions, new ArrayList<>(ph.attributes)));
        }
        return out;
    }

    /** bbox_name -> normalised box, for the objects with usable original coordinates. */
    private static Map<String, Box> regionBoxes(
            JsonNode objects, ImageHeaders.Size size, String file, AtomicInteger clipped, List<ReadProblem> problems) {
        Map<String, Box> boxes = new LinkedHashMap<>();
        for (int i = 0; i < objects.size(); i++) {
            JsonNode o = objects.get(i);
            String region = o.path("bbox_name").asText("");
            String record = "objects[" + i + "]" + (region.isEmpty() ? "" : " (" + region + ")");
            String[] keys = {"original_x1", "original_y1", "original_x2", "original_y2"};
            double[] c = new double[4];
            boolean ok = !region.isEmpty();
            for (int k = 0; k < 4 && ok; k++) {
                ok = o.path(keys[k]).isNumber();
                c[k] = o.path(keys[k]).asDouble();
            }
            if (!ok) {
                problems.add(new ReadProblem(
                        ReadProblem.Kind.MALFORMED_RECORD,
                        file,
                        record,
                        "needs \"bbox_name\" and numeric original_x1, original_y1, original_x2, original_y2"));
                continue;
            }
            double x1 = Math.max(0, c[0]);
            double y1 = Math.max(0, c[1]);
            double x2 = Math.min(size.width(), c[2]);
            double y2 = Math.min(size.height(), c[3]);
            if (!(x2 > x1 && y2 > y1)) {
                problems.add(new ReadProblem(
                        ReadProblem.Kind.BAD_BOX,
                        file,
                        record,
                        "box [" + c[0] + ", " + c[1]
                                + ", " + c[2] + ", " + c[3] + "] has no area inside the " + size.width() + "x"
                                + size.height() + " image"));
                continue;
            }
            if (x1 != c[0] || y1 != c[1] || x2 != c[2] || y2 != c[3]) {
                clipped.incrementAndGet();
            }
            boxes.putIfAbsent(
                    region, new Box(x1 / size.width(), y1 / size.height(), x2 / size.width(), y2 / size.height()));
        }
        return boxes;
    }

    /** Adds the phrases of one attributes entry (a region and the phrases that mention it). */
    private static void collect(
            JsonNode entry,
            Map<String, Box> regionBoxes,
            Map<String, Phrase> phrases,
            String file,
            String record,
            List<ReadProblem> problems) {
        String region = entry.path("bbox_name").asText("");
        JsonNode texts = entry.path("phrases");
        JsonNode ids = entry.path("phrase_IDs");
        JsonNode attrs = entry.path("attributes");
        if (region.isEmpty() || !texts.isArray()) {
            problems.add(new ReadProblem(
                    ReadProblem.Kind.MALFORMED_RECORD, file, record, "needs \"bbox_name\" and a \"phrases\" array"));
            return;
        }
        if ((ids.isArray() && ids.size() != texts.size()) || (attrs.isArray() && attrs.size() != texts.size())) {
            problems.add(new ReadProblem(
                    ReadProblem.Kind.MALFORMED_RECORD,
                    file,
                    record + " (" + region + ")",
                    texts.size() + " phrases but " + ids.size() + " phrase_IDs and " + attrs.size()
                            + " attribute lists; entry skipped"));
            return;
        }
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i).asText("").replaceAll("\\s+", " ").trim();
            if (text.isEmpty()) {
                problems.add(new ReadProblem(
                        ReadProblem.Kind.MALFORMED_RECORD,
                        file,
                        record + " (" + region + "), phrase " + i,
                        "empty phrase"));
                continue;
            }
            String id = ids.isArray()
                            && ids.get(i).isValueNode()
                            && !ids.get(i).asText().isBlank()
                    ? ids.get(i).asText().trim()
                    : null;
            String key = id != null ? "id:" + id : "text:" + text;
            Phrase p = phrases.computeIfAbsent(key, k -> new Phrase(id != null ? id : "p" + phrases.size(), text));
            p.regions.add(region);
            if (attrs.isArray() && attrs.get(i).isArray()) {
                attrs.get(i).forEach(a -> {
                    if (a.isTextual()) {
                        p.attributes.add(a.asText());
                    }
                });
            }
        }
    }

    /** MIMIC-CXR-JPG's layout: {@code files/p10/p10000032/s50414267/<dicom_id>.jpg}; ids with or without prefix. */
    static Path mimicPath(String imageId, String patient, String study) {
        String p = patient.startsWith("p") ? patient.substring(1) : patient;
        String s = study.startsWith("s") ? study.substring(1) : study;
        if (p.length() < 2 || s.isEmpty()) {
            return Path.of(imageId + ".jpg");
        }
        return Path.of("files", "p" + p.substring(0, 2), "p" + p, "s" + s, imageId + ".jpg");
    }

    private static List<Path> sceneGraphs(Path in) {
        if (Files.isRegularFile(in)) {
            return List.of(in);
        }
        if (!Files.isDirectory(in)) {
            throw new InvalidInputException(in + ": no such scene-graph file or folder");
        }
        try (Stream<Path> walk = Files.walk(in)) {
            List<Path> files = walk.filter(p -> p.getFileName().toString().endsWith("_SceneGraph.json"))
                    .sorted()
                    .toList();
            if (files.isEmpty()) {
                throw new InvalidInputException(in + ": no *_SceneGraph.json files found");
            }
            return files;
        } catch (IOException e) {
            throw new InvalidInputException(in + ": cannot list folder: " + e.getMessage(), e);
        }
    }

    /** dicom_id -> size from MIMIC-CXR's metadata table ({@code Columns} = width, {@code Rows} = height). */
    private static Map<String, ImageHeaders.Size> sizes(Path csvFile, List<ReadProblem> problems) {
        Csv csv = Csv.read(csvFile);
        csv.require("dicom_id", "Rows", "Columns");
        Map<String, ImageHeaders.Size> sizes = new HashMap<>();
        for (Csv.Row row : csv.rows()) {
            try {
                sizes.put(
                        csv.get(row, "dicom_id").trim(),
                        new ImageHeaders.Size(
                                (int) Double.parseDouble(csv.get(row, "Columns").trim()),
                                (int) Double.parseDouble(csv.get(row, "Rows").trim())));
            } catch (RuntimeException e) {
                problems.add(new ReadProblem(
                        ReadProblem.Kind.MALFORMED_RECORD,
                        csvFile.toString(),
                        "line " + row.line(),
                        "needs dicom_id and positive numeric Rows and Columns"));
            }
        }
        return sizes;
    }
}
