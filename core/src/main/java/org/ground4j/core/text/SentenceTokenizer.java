package org.ground4j.core.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.model.TokenBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns report sentences into the text encoder's input: a local HuggingFace tokenizer.json run by DJL's
 * native tokenizer, so ids equal those of Python's {@code tokenizer(sentences, padding='longest',
 * truncation=True, max_length=maxLength)}.
 *
 * <p>Each sentence becomes the tokenizer's template (for BERT {@code [CLS] tokens [SEP]}); a longer one is cut
 * to {@code maxLength} ids keeping the template's special tokens, as HF does. Truncated sentences are counted
 * ({@link #truncatedCount()}) and the first one is logged as a single warning line. A batch is padded to its
 * longest sentence with the tokenizer's padding id.
 *
 * <p>Thread-safe: {@link #encode} may be called from many threads at once (the native tokenizer is read-only
 * after loading and the counter is atomic); {@link #close} waits for encodings in progress, and encoding after
 * it fails with {@link IllegalStateException}.
 *
 * <pre>{@code
 * try (SentenceTokenizer tok = new SentenceTokenizer(Path.of("tokenizer.json"), 64)) {
 *     TokenBatch batch = tok.encode(List.of("No pneumothorax.", "Derrame pleural bilateral."));
 * }
 * }</pre>
 */
public final class SentenceTokenizer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SentenceTokenizer.class);

    private final Path file;
    private final int maxLength;
    private final TokenizerJson.Info info;
    private final HuggingFaceTokenizer tokenizer;
    private final AtomicLong truncated = new AtomicLong();
    private final AtomicBoolean warned = new AtomicBoolean();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    /**
     * Loads a tokenizer.json; nothing is downloaded.
     *
     * @param tokenizerJson the tokenizer.json file
     * @param maxLength     the most ids per sentence, special tokens included; more than the template adds
     * @throws InvalidInputException if the file is missing, unreadable or not a tokenizer HF can load
     * @throws IllegalArgumentException if {@code maxLength} leaves no room for a word
     */
    public SentenceTokenizer(Path tokenizerJson, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maximum sentence length must be positive, got " + maxLength);
        }
        this.file = tokenizerJson;
        this.maxLength = maxLength;
        this.info = TokenizerJson.inspect(tokenizerJson);
        this.tokenizer = DjlTokenizers.load(
                tokenizerJson,
                Map.of("truncation", "true", "padding", "false", "maxLength", Integer.toString(maxLength)));
        int specials = tokenizer.encode("").getIds().length;
        if (maxLength <= specials) {
            tokenizer.close();
            throw new IllegalArgumentException("maximum sentence length " + maxLength + " leaves no room for a word: "
                    + tokenizerJson + " adds " + specials + " special tokens to each sentence");
        }
    }

    /**
     * Tokenises a batch.
     *
     * @param sentences one or more non-blank sentences
     * @return ids and attention masks {@code [N][T]}, {@code T} = the longest sentence's length, at most
     *         {@code maxLength}; mask 1 on real tokens, 0 on padding (which holds the padding id)
     * @throws InvalidInputException if the list is empty or a sentence is null, empty, blank or holds no word
     *                               (only characters the normaliser removes)
     */
    public TokenBatch encode(List<String> sentences) {
        if (sentences.isEmpty()) {
            throw new InvalidInputException("no sentences to tokenise");
        }
        for (int i = 0; i < sentences.size(); i++) {
            String s = sentences.get(i);
            if (s == null || s.isBlank()) {
                throw new InvalidInputException("sentence " + i + " of " + sentences.size() + " is "
                        + (s == null ? "null" : "empty or blank") + ": every sentence needs text to ground");
            }
        }
        Encoding[] encodings;
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("tokenizer " + file + " is closed");
            }
            encodings = tokenizer.batchEncode(sentences);
        } finally {
            lock.readLock().unlock();
        }
        int length = 0;
        for (int i = 0; i < encodings.length; i++) {
            if (Arrays.stream(encodings[i].getSpecialTokenMask()).allMatch(m -> m == 1)) {
                throw new InvalidInputException("sentence " + i + " of " + sentences.size()
                        + " has no word left after normalisation (only control or format characters?)");
            }
            length = Math.max(length, encodings[i].getIds().length);
        }
        int[][] ids = new int[encodings.length][length];
        int[][] mask = new int[encodings.length][length];
        for (int i = 0; i < encodings.length; i++) {
            long[] sentenceIds = encodings[i].getIds();
            Arrays.fill(ids[i], info.padId());
            for (int t = 0; t < sentenceIds.length; t++) {
                ids[i][t] = Math.toIntExact(sentenceIds[t]);
                mask[i][t] = 1;
            }
            if (encodings[i].exceedMaxLength()) {
                noteTruncated(sentences.get(i));
            }
        }
        return new TokenBatch(ids, mask);
    }

    private void noteTruncated(String sentence) {
        truncated.incrementAndGet();
        if (warned.compareAndSet(false, true)) {
            String head = sentence.length() > 60 ? sentence.substring(0, 60) + "..." : sentence;
            LOG.warn(
                    "{}: sentences longer than {} tokens are truncated (the first: \"{}\"); "
                            + "further ones are counted, not logged",
                    file,
                    maxLength,
                    head);
        }
    }

    /** How many sentences so far were longer than {@link #maxLength()} and were cut. */
    public long truncatedCount() {
        return truncated.get();
    }

    /** The number of token ids (largest id + 1): the text encoder's {@code vocab_size} must equal it. */
    public int vocabSize() {
        return info.vocabSize();
    }

    /** The id that fills padding positions. */
    public int padId() {
        return info.padId();
    }

    public int maxLength() {
        return maxLength;
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                tokenizer.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
