package org.ground4j.core.text;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A BERT WordPiece vocabulary: the token with id {@code i} is {@code tokens.get(i)}. Ids 0-4 are the special
 * tokens {@code [PAD] [UNK] [CLS] [SEP] [MASK]}; a token that continues a word starts with {@code ##}.
 * {@link TokenizerJson} writes it as a HuggingFace tokenizer.json.
 *
 * @param tokens every token once, the special tokens first
 */
public record WordPieceVocab(List<String> tokens) {

    /** The special tokens at ids 0 to 4, in this order. */
    public static final List<String> SPECIAL_TOKENS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");

    /** Marks a token that continues a word rather than starting one. */
    public static final String CONTINUATION = "##";

    /** @throws IllegalArgumentException if the special tokens are not first or a token is empty or repeated */
    public WordPieceVocab {
        tokens = List.copyOf(tokens);
        if (tokens.size() < SPECIAL_TOKENS.size()
                || !tokens.subList(0, SPECIAL_TOKENS.size()).equals(SPECIAL_TOKENS)) {
            throw new IllegalArgumentException("a WordPiece vocabulary starts with " + SPECIAL_TOKENS + ", got "
                    + tokens.subList(0, Math.min(tokens.size(), SPECIAL_TOKENS.size())));
        }
        Set<String> seen = new HashSet<>();
        for (int id = 0; id < tokens.size(); id++) {
            String t = tokens.get(id);
            if (t.isEmpty() || t.equals(CONTINUATION)) {
                throw new IllegalArgumentException("vocabulary token " + id + " is empty: \"" + t + "\"");
            }
            if (!seen.add(t)) {
                throw new IllegalArgumentException(
                        "vocabulary token \"" + t + "\" appears twice (again at id " + id + ")");
            }
        }
    }

    /** Number of tokens: the model's {@code vocab_size}. */
    public int size() {
        return tokens.size();
    }
}
