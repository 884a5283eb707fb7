package org.ground4j.core.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * How well a tokenizer fits a corpus, measured with the real tokenizer (DJL loading the tokenizer.json, no
 * truncation, no special tokens): how many words (as the pre-tokenizer splits them, punctuation included) are
 * one token, and how many tokens are the unknown token.
 *
 * <pre>{@code
 * VocabCoverage c = VocabCoverage.measure(Path.of("tokenizer.json"), sentences);
 * System.out.println(c.format());
 * }</pre>
 *
 * @param sentences     sentences measured
 * @param words         word occurrences
 * @param wholeWords    word occurrences that are a single token other than the unknown token
 * @param tokens        tokens, special tokens not counted
 * @param unknownTokens tokens that are the model's unknown token
 */
public record VocabCoverage(long sentences, long words, long wholeWords, long tokens, long unknownTokens) {

    private static final int CHUNK = 256;

    /** Fraction of word occurrences that are one token, in [0, 1]; 1 for a corpus without words. */
    public double wholeWordFraction() {
        return words == 0 ? 1.0 : (double) wholeWords / words;
    }

    /** Encodes every distinct sentence once with the tokenizer in {@code tokenizerJson} and counts occurrences. */
    public static VocabCoverage measure(Path tokenizerJson, List<String> sentences) {
        OptionalInt unk = TokenizerJson.inspect(tokenizerJson).unkId();
        Map<String, Long> times = new LinkedHashMap<>();
        sentences.forEach(s -> times.merge(s, 1L, Long::sum));
        List<String> distinct = new ArrayList<>(times.keySet());
        long words = 0;
        long whole = 0;
        long tokens = 0;
        long unknown = 0;
        try (HuggingFaceTokenizer tok = DjlTokenizers.load(
                tokenizerJson, Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"))) {
            for (int from = 0; from < distinct.size(); from += CHUNK) {
                List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + CHUNK));
                Encoding[] encodings = tok.batchEncode(chunk);
                for (int i = 0; i < encodings.length; i++) {
                    long n = times.get(chunk.get(i));
                    long[] ids = encodings[i].getIds();
                    long[] wordIds = encodings[i].getWordIds();
                    tokens += n * ids.length;
                    for (int t = 0; t < ids.length; t++) {
                        boolean isUnk = unk.isPresent() && ids[t] == unk.getAsInt();
                        if (isUnk) {
                            unknown += n;
                        }
                        boolean startsWord = t == 0 || wordIds[t] != wordIds[t - 1];
                        boolean endsWord = t == ids.length - 1 || wordIds[t] != wordIds[t + 1];
                        if (startsWord) {
                            words += n;
                            if (endsWord && !isUnk) {
                                whole += n;
                            }
                        }
                    }
                }
            }
        }
        return new VocabCoverage(sentences.size(), words, whole, tokens, unknown);
    }

    /** Two lines for people: whole-word coverage and unknown tokens. */
    public String format() {
        return String.format(
                Locale.ROOT,
                "whole words    %.2f %% (%d of %d word occurrences are one token)%n"
                        + "[UNK] tokens   %d of %d tokens in %d sentences%n",
                100 * wholeWordFraction(),
                wholeWords,
                words,
                unknownTokens,
                tokens,
                sentences);
    }
}
