package org.ground4j.infer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.checkpoint.Checkpoint;
import org.ground4j.core.checkpoint.CheckpointException;
import org.ground4j.core.checkpoint.CheckpointIO;
import org.ground4j.core.geometry.ScoredBox;
import org.ground4j.core.image.ImageLimits;
import org.ground4j.core.image.ImageLoader;
import org.ground4j.core.image.ImageReadException;
import org.ground4j.core.image.Letterbox;
import org.ground4j.core.image.ModelInput;
import org.ground4j.core.image.PercentileWindow;
import org.ground4j.core.image.PreprocessConfig;
import org.ground4j.core.image.Preprocessor;
import org.ground4j.core.image.UnitImage;
import org.ground4j.core.model.GrounderModel;
import org.ground4j.core.model.ImageBatch;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.core.model.ModelOutputs;
import org.ground4j.core.model.NativeMemory;
import org.ground4j.core.model.TokenBatch;
import org.ground4j.core.text.SentenceTokenizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Grounds sentences of chest X-ray reports to scored boxes on the image: what an application embeds.
 *
 * <p>Per image, the steps of DESIGN.md section 4: the image is decoded and letterboxed to the model's square
 * input; the image encoder runs <b>once</b>; all sentences (of a report: as {@link SentenceSplitter} finds them)
 * go through text encoder, fusion and decoder together as one batch (at most {@value #MAX_BATCH} per batch); each
 * sentence's queries with {@code sigmoid(confidence) >= threshold} are fused by weighted box fusion; the boxes
 * are mapped from the padded model input to the original image and clamped to [0,1] (a box wholly in the
 * padding, with nothing on the image, is dropped). Threshold and fusion IoU come from the checkpoint unless
 * {@link GrounderOptions} override them.
 *
 * <p><b>Thread-safe</b>: one instance may serve many threads, which then run the model concurrently; N threads
 * give exactly the same boxes as one. SameDiff (ND4J 1.0.0-M2.1) keeps a separate inference session per thread
 * over shared read-only weights, so no lock is taken around the model (GrounderTest checks 4 threads against
 * one, bit for bit). {@link #close} waits for calls in progress; calls after it fail with
 * {@link IllegalStateException}.
 *
 * <p>Errors: an empty sentence or report, or an image that cannot be read, give an {@link InvalidInputException}
 * naming the input; so does a missing, truncated or inconsistent checkpoint when loading.
 *
 * <pre>{@code
 * try (Grounder grounder = Grounder.load(Path.of("models/demo"))) {
 *     ImageInput image = ImageInput.of(Path.of("cxr.png"));
 *     List<ScoredBox> boxes = grounder.ground(image, "Left lower lobe consolidation.");
 *     GroundedReport report = grounder.groundReport(image, "Cardiomegaly. Small right effusion. No pneumothorax.");
 *     for (GroundedSentence s : report.sentences()) {
 *         System.out.println(s.text() + " " + s.boxes());
 *     }
 * }
 * }</pre>
 */
public final class Grounder implements AutoCloseable {

    /** The most sentences of one image that go through the model in one batch. */
    public static final int MAX_BATCH = 32;

    private final String source;
    private final GrounderModel model;
    private final SentenceTokenizer tokenizer;
    private final Preprocessor preprocessor;
    private final ImageLoader loader;
    private final PostProcessor post;
    private final Map<String, String> provenance;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final AtomicLong imagesEncoded = new AtomicLong();
    private final AtomicLong sentencesGrounded = new AtomicLong();
    private final AtomicLong groundingBatches = new AtomicLong();
    private boolean closed;

    private Grounder(
            String source,
            GrounderModel model,
            SentenceTokenizer tokenizer,
            PostProcessor post,
            ImageLimits limits,
            Map<String, String> provenance) {
        this.source = source;
        this.provenance = Map.copyOf(provenance);
        this.loader = new ImageLoader(PercentileWindow.DEFAULT, limits);
        this.model = model;
        this.tokenizer = tokenizer;
        this.post = post;
        this.preprocessor = new Preprocessor(
                PreprocessConfig.DEFAULT.withSize(model.config().imageSize()));
    }

    /** Loads a checkpoint directory with its own threshold and fusion IoU. */
    public static Grounder load(Path checkpoint) {
        return load(checkpoint, GrounderOptions.fromCheckpoint());
    }

    /**
     * Loads a checkpoint directory.
     *
     * @throws CheckpointException when the directory is missing, a file is truncated or modified (checksums),
     *                               the checkpoint has no tokenizer, or tokenizer and weights do not fit together
     */
    public static Grounder load(Path checkpoint, GrounderOptions options) {
        return of(CheckpointIO.load(checkpoint), options, checkpoint.toString());
    }

    /**
     * A grounder over a checkpoint already in memory (e.g. during training).
     *
     * @param name names the checkpoint in error messages
     */
    public static Grounder of(Checkpoint checkpoint, GrounderOptions options, String name) {
        PostProcessor post = options.resolve(checkpoint.inference());
        SentenceTokenizer tokenizer = tokenizer(checkpoint, name);
        try {
            int vocab = checkpoint.config().text().vocabSize();
            if (tokenizer.vocabSize() > vocab) {
                throw new CheckpointException(name + ": tokenizer.json has " + tokenizer.vocabSize()
                        + " token ids but the text encoder only " + vocab + " (vocab_size in model.yaml)");
            }
            return new Grounder(
                    name,
                    checkpoint.buildModel(),
                    tokenizer,
                    post,
                    options.imageLimitsOrDefault(),
                    checkpoint.provenance() == null ? Map.of() : checkpoint.provenance());
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    private static SentenceTokenizer tokenizer(Checkpoint checkpoint, String name) {
        if (checkpoint.tokenizerJson() == null) {
            throw new CheckpointException(name + ": the checkpoint has no tokenizer.json; grounding needs the "
                    + "tokenizer the model was trained with");
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile("ground4j-tokenizer-", ".json");
            Files.write(tmp, checkpoint.tokenizerJson());
            return new SentenceTokenizer(tmp, checkpoint.config().maxTextLength());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the tokenizer of " + name + ": " + e.getMessage(), e);
        } catch (InvalidInputException e) {
            throw new CheckpointException(name + ": unusable tokenizer.json: " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * The boxes of one sentence.
     *
     * @return boxes in normalised {@code x1 y1 x2 y2} of the original image, by descending score; maybe none
     * @throws InvalidInputException when the sentence is empty; an {@link ImageReadException} when the image cannot
     *                               be read
     */
    public List<ScoredBox> ground(ImageInput image, String sentence) {
        requireText(sentence, "sentence", image);
        return groundSentences(image, List.of(sentence)).get(0);
    }

    /**
     * The boxes of several sentences on one image: the image is encoded once and the sentences go through the
     * model together.
     *
     * @return one box list per sentence, in order
     * @throws InvalidInputException when there is no sentence, one is empty, or the image cannot be read
     */
    public List<List<ScoredBox>> groundSentences(ImageInput image, List<String> sentences) {
        if (sentences.isEmpty()) {
            throw new InvalidInputException(image.name() + ": no sentence to ground");
        }
        for (String s : sentences) {
            requireText(s, "sentence", image);
        }
        Lock lock = open();
        try {
            return run(image, sentences).boxes();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Splits a report into sentences ({@link SentenceSplitter}) and grounds them all on the image.
     *
     * @throws InvalidInputException when the report is empty or has no sentence (only headers, say), or the image
     *                               cannot be read
     */
    public GroundedReport groundReport(ImageInput image, String report) {
        requireText(report, "report", image);
        List<SentenceSpan> spans = SentenceSplitter.split(report);
        if (spans.isEmpty()) {
            throw new InvalidInputException(image.name() + ": the report has no sentence to ground (only headers, "
                    + "list markers or punctuation): \"" + abbreviate(report) + "\"");
        }
        Lock lock = open();
        Result result;
        try {
            result = run(image, spans.stream().map(SentenceSpan::text).toList());
        } finally {
            lock.unlock();
        }
        List<GroundedSentence> sentences = new ArrayList<>(spans.size());
        for (int i = 0; i < spans.size(); i++) {
            SentenceSpan s = spans.get(i);
            sentences.add(new GroundedSentence(
                    s.text(), s.start(), s.end(), result.boxes().get(i)));
        }
        return new GroundedReport(image.name(), result.width(), result.height(), sentences);
    }

    /** Boxes per sentence and the original image size. */
    private record Result(List<List<ScoredBox>> boxes, int width, int height) {}

    private Result run(ImageInput image, List<String> sentences) {
        UnitImage decoded = image.decode(loader);
        ModelInput input = preprocessor.apply(decoded);
        Letterbox lb = input.letterbox();
        int s = input.size();
        INDArray pixels = Nd4j.create(input.pixels(), new long[] {1, 3, s, s}, 'c'); // [1, 3, S, S]
        ImageBatch batch = new ImageBatch(pixels, new int[] {lb.contentHeight()}, new int[] {lb.contentWidth()});
        INDArray tokens = model.encodeImages(pixels); // [1, HW, d]
        imagesEncoded.incrementAndGet();
        List<List<ScoredBox>> out = new ArrayList<>(sentences.size());
        try {
            for (int from = 0; from < sentences.size(); from += MAX_BATCH) {
                List<String> chunk = sentences.subList(from, Math.min(sentences.size(), from + MAX_BATCH));
                TokenBatch text = tokenizer.encode(chunk);
                ModelOutputs raw = model.ground(tokens, batch, new int[chunk.size()], text);
                groundingBatches.incrementAndGet();
                sentencesGrounded.addAndGet(chunk.size());
                out.addAll(QueryDecoder.decode(raw, java.util.Collections.nCopies(chunk.size(), lb), post));
                release(raw);
            }
        } finally {
            close(tokens);
            close(pixels);
            NativeMemory.afterPass();
        }
        return new Result(out, decoded.width(), decoded.height());
    }

    /** The largest image this grounder decodes. */
    public ImageLimits imageLimits() {
        return loader.limits();
    }

    /** Where the checkpoint came from ({@code provenance.json}: training data, seed, metric, version). */
    public Map<String, String> provenance() {
        return provenance;
    }

    /** The name the grounder was loaded under (its checkpoint directory). */
    public String source() {
        return source;
    }

    /** The threshold and fusion IoU in use. */
    public PostProcessor postProcessor() {
        return post;
    }

    /** The model's configuration (input size, layers, queries). */
    public ModelConfig config() {
        return model.config();
    }

    /** What this grounder has computed so far. */
    public GrounderCounters counters() {
        return new GrounderCounters(imagesEncoded.get(), sentencesGrounded.get(), groundingBatches.get());
    }

    /** Releases the model's native memory and the tokenizer, after calls in progress finish. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                model.close();
                tokenizer.close();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "Grounder[" + source + ", threshold " + post.threshold() + ", fusion IoU " + post.fusionIou() + "]";
    }

    /** The read lock, held; the caller unlocks it. */
    private Lock open() {
        Lock lock = lifecycle.readLock();
        lock.lock();
        if (closed) {
            lock.unlock();
            throw new IllegalStateException("grounder " + source + " is closed");
        }
        return lock;
    }

    private static void requireText(String text, String what, ImageInput image) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(image.name() + ": empty " + what + " (" + (text == null ? "null" : "blank")
                    + "): there is nothing to ground");
        }
    }

    private static String abbreviate(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= 60 ? flat : flat.substring(0, 60) + "...";
    }

    private static void release(ModelOutputs out) {
        out.logits().forEach(Grounder::close);
        out.boxes().forEach(Grounder::close);
    }

    private static void close(INDArray a) {
        if (a != null && !a.wasClosed() && a.closeable()) {
            a.close();
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temporary copy of a tokenizer is harmless
            }
        }
    }
}
