package org.ground4j.core.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.ground4j.core.InvalidInputException;

/**
 * Learns a BERT WordPiece vocabulary from sentences, in the manner of HuggingFace's {@code WordPieceTrainer}
 * (a BPE trainer with the {@code ##} continuation prefix), so a model can be trained without downloading
 * a tokenizer.
 *
 * <ol>
 *   <li>Words and their counts from {@link BertText#words} (lowercase, accents stripped, punctuation alone).</li>
 *   <li>Ids 0-4: {@link WordPieceVocab#SPECIAL_TOKENS}; then every character of the corpus by code point;
 *       then {@code ##} + each of those characters, so no word made of corpus characters is ever {@code [UNK]}
 *       (unless it is longer than 100 characters, the WordPiece model's {@code max_input_chars_per_word}).</li>
 *   <li>Each word starts as its first character followed by {@code ##}characters. Repeatedly the most frequent
 *       adjacent pair (counted over word occurrences) is merged into one token ({@code "##e" + "##s" -> "##es"},
 *       {@code "l" + "##o" -> "lo"}), until the vocabulary has the requested size or no pair is left.
 *       Ties go to the pair with the smaller first id, then the smaller second id, so the result depends only
 *       on the word counts: the same corpus in any line order gives the same vocabulary.</li>
 * </ol>
 *
 * <pre>{@code
 * WordPieceVocab vocab = new WordPieceTrainer(4000).train(sentences);
 * TokenizerJson.write(Path.of("tokenizer.json"), vocab);
 * }</pre>
 */
public final class WordPieceTrainer {

    private final int vocabSize;

    /** @param vocabSize the number of tokens wanted, special tokens included */
    public WordPieceTrainer(int vocabSize) {
        if (vocabSize <= WordPieceVocab.SPECIAL_TOKENS.size()) {
            throw new IllegalArgumentException("vocabulary size must exceed the " + WordPieceVocab.SPECIAL_TOKENS.size()
                    + " special tokens, got " + vocabSize);
        }
        this.vocabSize = vocabSize;
    }

    /**
     * Learns the vocabulary. It has exactly the requested size unless every word of the corpus is already a
     * single token, in which case it is smaller.
     *
     * @throws InvalidInputException if the corpus has no word, or has more distinct characters than the size allows
     */
    public WordPieceVocab train(List<String> sentences) {
        Map<String, Long> wordCounts = new HashMap<>();
        for (String s : sentences) {
            for (String w : BertText.words(s)) {
                wordCounts.merge(w, 1L, Long::sum);
            }
        }
        if (wordCounts.isEmpty()) {
            throw new InvalidInputException("the corpus has no words (" + sentences.size() + " sentences)");
        }
        TreeSet<Integer> alphabet = new TreeSet<>();
        wordCounts.keySet().forEach(w -> w.codePoints().forEach(alphabet::add));
        List<String> tokens = new ArrayList<>(WordPieceVocab.SPECIAL_TOKENS);
        alphabet.forEach(cp -> tokens.add(Character.toString(cp)));
        alphabet.forEach(cp -> tokens.add(WordPieceVocab.CONTINUATION + Character.toString(cp)));
        if (tokens.size() > vocabSize) {
            throw new InvalidInputException("vocabulary size " + vocabSize + " is too small for this corpus: its "
                    + alphabet.size() + " distinct characters, alone and with ##, and the "
                    + WordPieceVocab.SPECIAL_TOKENS.size() + " special tokens need " + tokens.size());
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            ids.put(tokens.get(i), i);
        }
        int[][] words = new int[wordCounts.size()][];
        long[] counts = new long[words.length];
        int w = 0;
        for (Map.Entry<String, Long> e : wordCounts.entrySet()) {
            int[] cps = e.getKey().codePoints().toArray();
            words[w] = new int[cps.length];
            for (int i = 0; i < cps.length; i++) {
                String c = Character.toString(cps[i]);
                words[w][i] = ids.get(i == 0 ? c : WordPieceVocab.CONTINUATION + c);
            }
            counts[w++] = e.getValue();
        }
        merge(words, counts, tokens, ids);
        return new WordPieceVocab(tokens);
    }

    private void merge(int[][] words, long[] counts, List<String> tokens, Map<String, Integer> ids) {
        PairCounts pairs = new PairCounts();
        for (int w = 0; w < words.length; w++) {
            pairs.add(words[w], counts[w], w);
        }
        pairs.flush();
        PairCounts.Pair best;
        while (tokens.size() < vocabSize && (best = pairs.best()) != null) {
            String second = tokens.get(best.second()).substring(WordPieceVocab.CONTINUATION.length());
            String merged = tokens.get(best.first()) + second;
            Integer id = ids.get(merged);
            if (id == null) {
                id = tokens.size();
                tokens.add(merged);
                ids.put(merged, id);
            }
            for (int w : pairs.takeHolders(best)) {
                int[] replaced = replace(words[w], best.first(), best.second(), id);
                if (replaced != words[w]) {
                    pairs.add(words[w], -counts[w], w);
                    pairs.add(replaced, counts[w], w);
                    words[w] = replaced;
                }
            }
            pairs.flush();
        }
    }

    /** The word with every non-overlapping (a, b), left to right, replaced by {@code merged}; itself if none. */
    static int[] replace(int[] word, int a, int b, int merged) {
        int[] out = null;
        int n = 0;
        for (int i = 0; i < word.length; i++) {
            if (i + 1 < word.length && word[i] == a && word[i + 1] == b) {
                if (out == null) {
                    out = new int[word.length - 1];
                    System.arraycopy(word, 0, out, 0, i);
                    n = i;
                }
                out[n++] = merged;
                i++;
            } else if (out != null) {
                out[n++] = word[i];
            }
        }
        return out == null ? word : Arrays.copyOf(out, n);
    }
}
