package org.ground4j.core.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.io.TextFiles;

/**
 * Reads the sentences a vocabulary is learnt from: a UTF-8 text file with one sentence per line, or a samples
 * file ({@code *.jsonl}, one JSON object per line) whose {@code "sentence"} fields are the sentences. Blank
 * lines are skipped; other fields of a samples line are not checked.
 *
 * <pre>{@code
 * List<String> sentences = Corpus.read(Path.of("synth/expert.jsonl"));
 * }</pre>
 */
public final class Corpus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Corpus() {}

    /**
     * @throws InvalidInputException if the file is missing or unreadable, a samples line is not JSON or has no
     *                               text {@code "sentence"}, or no sentence is found
     */
    public static List<String> read(Path file) {
        boolean samples = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl");
        List<String> sentences = new ArrayList<>();
        try (BufferedReader r = TextFiles.reader(file)) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank()) {
                    continue;
                }
                sentences.add(samples ? sentenceField(line, file + ":" + no) : line);
            }
        } catch (IOException e) {
            throw TextFiles.readError(file, "corpus", e);
        }
        if (sentences.isEmpty()) {
            throw new InvalidInputException(file + ": no sentences (the file is empty or blank)");
        }
        return sentences;
    }

    private static String sentenceField(String line, String where) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(where + ": not a JSON object: " + e.getOriginalMessage());
        }
        JsonNode sentence = node.path("sentence");
        if (!sentence.isTextual()) {
            throw new InvalidInputException(where + ": expected a text field \"sentence\", found "
                    + (sentence.isMissingNode()
                            ? "none"
                            : sentence.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        return sentence.asText();
    }
}
