package org.ground4j.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.io.AtomicFiles;
import org.ground4j.core.io.OutputLock;
import org.ground4j.core.io.TextFiles;
import org.ground4j.infer.ImagePathResolver;

/**
 * The studies of an {@code attach} output for the review page to step through, and the reviewed ones: each saved
 * study replaces its line in {@code NAME.reviewed.jsonl} beside the input (the whole file rewritten atomically, in
 * the input's order), so a reviewer who stops and comes back starts at the first study not yet reviewed. The
 * session holds the output's lock ({@link OutputLock}) while it lives: one reviewer per file.
 */
final class ReviewSession implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path input;
    private final Path reviewedFile;
    private final List<ObjectNode> studies = new ArrayList<>();
    private final Map<String, ObjectNode> reviewed = new LinkedHashMap<>();
    private final OutputLock lock;

    /**
     * @throws InvalidInputException when the file is missing, not an {@code attach} output, or another run writes
     *                               its reviewed file
     */
    ReviewSession(Path input) {
        this.input = input;
        this.reviewedFile = reviewedFile(input);
        for (ObjectNode line : read(input, true)) {
            studies.add(line);
        }
        if (studies.isEmpty()) {
            throw new InvalidInputException(input + ": no studies to review");
        }
        this.lock = OutputLock.acquire(reviewedFile, input);
        if (Files.exists(reviewedFile)) {
            for (ObjectNode line : read(reviewedFile, false)) {
                reviewed.put(line.get("id").asText(), line);
            }
        }
    }

    /** Where the reviewed studies of {@code input} go: {@code NAME.reviewed.jsonl} beside {@code NAME.jsonl}. */
    static Path reviewedFile(Path input) {
        String name = input.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return input.resolveSibling(stem + ".reviewed.jsonl");
    }

    /** {@code {"file", "reviewed_file", "studies": [{"id", "reviewed"}], "next"}}, {@code next} -1 when all are done. */
    synchronized ObjectNode overview() {
        ObjectNode o = JSON.createObjectNode();
        o.put("file", input.toString());
        o.put("reviewed_file", reviewedFile.toString());
        int next = -1;
        var list = o.putArray("studies");
        for (int i = 0; i < studies.size(); i++) {
            String id = studies.get(i).get("id").asText();
            boolean done = reviewed.containsKey(id);
            list.addObject().put("id", id).put("reviewed", done);
            if (!done && next < 0) {
                next = i;
            }
        }
        o.put("next", next);
        o.put("reviewed", reviewed.size());
        return o;
    }

    /** The study's line: the reviewed one when it was saved, else the model's. */
    synchronized ObjectNode study(int index) {
        ObjectNode line = studies.get(check(index));
        ObjectNode saved = reviewed.get(line.get("id").asText());
        ObjectNode out = (saved != null ? saved : line).deepCopy();
        out.put("reviewed", saved != null);
        return out;
    }

    /** The image file of the study. */
    Path image(int index) {
        return ImagePathResolver.resolve(
                input, studies.get(check(index)).get("image").asText());
    }

    /**
     * Saves the reviewed study {@code index}: its id must be the study's; {@code sentences} is required.
     *
     * @return how many studies are reviewed
     */
    synchronized int save(int index, JsonNode body) {
        ObjectNode study = studies.get(check(index));
        String id = study.get("id").asText();
        if (body == null || !body.isObject() || !body.path("sentences").isArray()) {
            throw new IllegalArgumentException("a reviewed study is a JSON object with \"sentences\"");
        }
        if (!id.equals(body.path("id").asText())) {
            throw new IllegalArgumentException("study " + index + " is \"" + id + "\", not \""
                    + body.path("id").asText() + "\"");
        }
        ObjectNode line = study.deepCopy();
        line.set("sentences", body.get("sentences"));
        for (String key : new String[] {"reviewer", "model"}) {
            if (body.hasNonNull(key)) {
                line.put(key, body.get(key).asText());
            }
        }
        reviewed.put(id, line);
        AtomicFiles.writeText(reviewedFile, w -> {
            for (ObjectNode s : studies) {
                ObjectNode r = reviewed.get(s.get("id").asText());
                if (r != null) {
                    w.write(JSON.writeValueAsString(r));
                    w.write('\n');
                }
            }
        });
        return reviewed.size();
    }

    private int check(int index) {
        if (index < 0 || index >= studies.size()) {
            throw new IndexOutOfBoundsException("no study " + index + " (" + studies.size() + " studies)");
        }
        return index;
    }

    private static List<ObjectNode> read(Path file, boolean needImage) {
        List<ObjectNode> lines = new ArrayList<>();
        try (BufferedReader r = TextFiles.reader(file)) {
            String text;
            int no = 0;
            while ((text = r.readLine()) != null) {
                no++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(text);
                } catch (JsonProcessingException e) {
                    throw new InvalidInputException(file + ":" + no + ": malformed JSON: " + e.getOriginalMessage());
                }
                if (node == null
                        || !node.isObject()
                        || !node.path("id").isTextual()
                        || !node.path("sentences").isArray()
                        || needImage && !node.path("image").isTextual()) {
                    throw new InvalidInputException(file + ":" + no + ": not a grounded study (an attach output line "
                            + "with \"id\", \"image\" and \"sentences\")");
                }
                lines.add((ObjectNode) node);
            }
        } catch (IOException e) {
            throw TextFiles.readError(file, "attach output", e);
        }
        return lines;
    }

    @Override
    public void close() {
        lock.close();
    }
}
