package org.ground4j.core.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The HF tokenizer fixture (tools/fixtures/make_hf_fixtures.py) and the small bilingual test corpus. */
final class TextFixtures {

    private TextFixtures() {}

    static Path resource(String name) {
        try {
            return Path.of(TextFixtures.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource not found: " + name, e);
        }
    }

    /** The fixture tokenizer.json: WordPiece, 148 tokens, BERT-uncased normaliser, [CLS] $A [SEP]. */
    static Path tokenizerJson() {
        return resource("/fixtures/tokenizer/tokenizer.json");
    }

    /** examples.json: sentences encoded by HF with padding='longest', truncation=True, max_length=16. */
    static JsonNode examples() {
        try {
            return new ObjectMapper()
                    .readTree(resource("/fixtures/tokenizer/examples.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> exampleSentences() {
        List<String> out = new ArrayList<>();
        examples().get("examples").forEach(e -> out.add(e.get("sentence").asText()));
        return out;
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    /** 30 English and Spanish report sentences with accents, digits and punctuation. */
    static List<String> corpus() {
        try {
            return Files.readAllLines(resource("corpus.txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
