package org.ground4j.examples;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.geometry.ScoredBox;
import org.ground4j.infer.Grounder;
import org.ground4j.infer.ImageInput;

/**
 * Embedding grounding in an application: one {@link Grounder} is loaded at start-up, shared by every thread that
 * serves requests (it is thread-safe), and closed at shut-down, which releases the model's native memory. A
 * request brings an uploaded image and a sentence; the answer is boxes in pixels.
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=org.ground4j.examples.EmbedInApplication
 * -Dexec.args="MODEL_DIR IMAGE.png 'Left lower lobe consolidation.' 'No pneumothorax.'"}
 *
 * <pre>{@code
 * try (EmbedInApplication app = new EmbedInApplication(Path.of("models/demo"))) {
 *     List<PixelBox> boxes = app.handle(uploadBytes, "Right pleural effusion.");
 * }
 * }</pre>
 */
public final class EmbedInApplication implements AutoCloseable {

    /** A box in pixels of the uploaded image, with its confidence. */
    public record PixelBox(int x1, int y1, int x2, int y2, double score) {}

    private final Grounder grounder;

    /** Loads the model once, when the application starts. */
    public EmbedInApplication(Path checkpoint) {
        this.grounder = Grounder.load(checkpoint);
    }

    /**
     * A request: an encoded image (PNG or JPEG bytes, as uploaded) and one sentence.
     *
     * @throws org.ground4j.core.InvalidInputException when the image cannot be read or the sentence is empty;
     *                                                 an application answers it as a client error
     */
    public List<PixelBox> handle(byte[] upload, String sentence) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(upload));
        if (image == null) {
            throw new org.ground4j.core.InvalidInputException("upload: not a PNG or JPEG image");
        }
        int w = image.getWidth(), h = image.getHeight();
        List<PixelBox> out = new ArrayList<>();
        for (ScoredBox sb : grounder.ground(ImageInput.of(image), sentence)) {
            Box b = sb.box(); // normalised to the original image
            out.add(new PixelBox(
                    (int) Math.floor(b.x1() * w),
                    (int) Math.floor(b.y1() * h),
                    (int) Math.ceil(b.x2() * w),
                    (int) Math.ceil(b.y2() * h),
                    sb.score()));
        }
        return out;
    }

    /** Releases the model when the application stops. */
    @Override
    public void close() {
        grounder.close();
    }

    /** {@code MODEL_DIR IMAGE SENTENCE...}: serves one request per sentence from two worker threads. */
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: EmbedInApplication MODEL_DIR IMAGE SENTENCE...");
            System.exit(2);
        }
        byte[] upload = Files.readAllBytes(Path.of(args[1]));
        List<String> sentences = List.of(args).subList(2, args.length);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try (EmbedInApplication app = new EmbedInApplication(Path.of(args[0]))) {
            List<Future<List<PixelBox>>> answers = new ArrayList<>();
            for (String sentence : sentences) {
                answers.add(workers.submit(() -> app.handle(upload, sentence)));
            }
            for (int i = 0; i < sentences.size(); i++) {
                System.out.println(sentences.get(i) + " -> " + answers.get(i).get());
            }
        } finally {
            workers.shutdown();
        }
    }
}
