package org.ground4j.core.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalInt;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.io.AtomicFiles;

/**
 * The HuggingFace {@code tokenizer.json} format: writes a {@link WordPieceVocab} as a BERT-uncased tokenizer
 * (BertNormalizer with lowercase and strip_accents, BertPreTokenizer, {@code [CLS] $A [SEP]} template,
 * WordPiece decoder and model; padding and truncation left null for the caller to set), laid out as the
 * {@code tokenizers} library saves it, and reads back the few facts the model needs from any tokenizer.json.
 *
 * <pre>{@code
 * TokenizerJson.write(Path.of("tokenizer.json"), vocab);                  // atomic
 * TokenizerJson.Info info = TokenizerJson.inspect(Path.of("tokenizer.json"));
 * }</pre>
 */
public final class TokenizerJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the model needs to know about a tokenizer. */
    public record Info(int vocabSize, int padId, OptionalInt unkId) {}

    private TokenizerJson() {}

    /** Writes the vocabulary as a tokenizer.json, atomically. */
    public static void write(Path file, WordPieceVocab vocab) {
        AtomicFiles.writeString(file, toJson(vocab));
    }

    /** The tokenizer.json text: two-space indentation, keys in the order the {@code tokenizers} library uses. */
    public static String toJson(WordPieceVocab vocab) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int id = 0; id < WordPieceVocab.SPECIAL_TOKENS.size(); id++) {
            added.addObject()
                    .put("id", id)
                    .put("content", WordPieceVocab.SPECIAL_TOKENS.get(id))
                    .put("single_word", false)
                    .put("lstrip", false)
                    .put("rstrip", false)
                    .put("normalized", false)
                    .put("special", true);
        }
        root.putObject("normalizer")
                .put("type", "BertNormalizer")
                .put("clean_text", true)
                .put("handle_chinese_chars", true)
                .put("strip_accents", true)
                .put("lowercase", true);
        root.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        special(single, "[CLS]", 0);
        sequence(single, "A", 0);
        special(single, "[SEP]", 0);
        ArrayNode pair = post.putArray("pair");
        special(pair, "[CLS]", 0);
        sequence(pair, "A", 0);
        special(pair, "[SEP]", 0);
        sequence(pair, "B", 1);
        special(pair, "[SEP]", 1);
        ObjectNode specials = post.putObject("special_tokens");
        for (String s : new String[] {"[CLS]", "[SEP]"}) {
            ObjectNode t = specials.putObject(s);
            t.put("id", s);
            t.putArray("ids").add(WordPieceVocab.SPECIAL_TOKENS.indexOf(s));
            t.putArray("tokens").add(s);
        }
        root.putObject("decoder")
                .put("type", "WordPiece")
                .put("prefix", WordPieceVocab.CONTINUATION)
                .put("cleanup", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "WordPiece")
                .put("unk_token", "[UNK]")
                .put("continuing_subword_prefix", WordPieceVocab.CONTINUATION)
                .put("max_input_chars_per_word", 100);
        ObjectNode ids = model.putObject("vocab");
        for (int id = 0; id < vocab.size(); id++) {
            ids.put(vocab.tokens().get(id), id);
        }
        DefaultIndenter indent = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withSeparators(
                        Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        pretty.indentObjectsWith(indent);
        pretty.indentArraysWith(indent);
        try {
            return JSON.writer(pretty).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void special(ArrayNode template, String token, int typeId) {
        template.addObject().putObject("SpecialToken").put("id", token).put("type_id", typeId);
    }

    private static void sequence(ArrayNode template, String which, int typeId) {
        template.addObject().putObject("Sequence").put("id", which).put("type_id", typeId);
    }

    /**
     * Reads the vocabulary size (largest id in {@code model.vocab} or {@code added_tokens}, plus one), the padding
     * id ({@code padding.pad_id} if the file sets padding, else the id of {@code [PAD]}) and the id of
     * {@code model.unk_token} if there is one.
     *
     * @throws InvalidInputException if the file is missing, is not JSON, has no vocabulary or no padding token
     */
    public static Info inspect(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such tokenizer file");
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        JsonNode vocab = root == null ? null : root.path("model").path("vocab");
        if (vocab == null || !vocab.isObject() || vocab.isEmpty()) {
            throw new InvalidInputException(file + ": not a tokenizer.json with a WordPiece/BPE vocabulary: "
                    + "expected a non-empty object at model.vocab");
        }
        int maxId = -1;
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            maxId = Math.max(maxId, it.next().getValue().asInt(-1));
        }
        for (JsonNode t : root.path("added_tokens")) {
            maxId = Math.max(maxId, t.path("id").asInt(-1));
        }
        int padId;
        if (root.path("padding").has("pad_id")) {
            padId = root.path("padding").path("pad_id").asInt();
        } else if (vocab.has("[PAD]")) {
            padId = vocab.get("[PAD]").asInt();
        } else {
            throw new InvalidInputException(
                    file + ": no padding token: expected padding.pad_id or a [PAD] token in " + "model.vocab");
        }
        JsonNode unk = vocab.path(root.path("model").path("unk_token").asText(""));
        OptionalInt unkId = unk.isInt() ? OptionalInt.of(unk.asInt()) : OptionalInt.empty();
        return new Info(maxId + 1, padId, unkId);
    }
}
