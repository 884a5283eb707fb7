package org.ground4j.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.modality.cv.VisionLanguageInput;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.modality.cv.output.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.checkpoint.Checkpoint;
import org.ground4j.core.checkpoint.CheckpointIO;
import org.ground4j.core.checkpoint.InferenceSettings;
import org.ground4j.core.geometry.ScoredBox;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.core.model.ModelInit;
import org.ground4j.core.text.TokenizerJson;
import org.ground4j.core.text.WordPieceTrainer;
import org.ground4j.infer.ImageInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ground4j's boxes in DJL's types: the same boxes and scores as the Grounder's, one DetectedObjects a sentence. */
class DjlGrounderTest {

    static final List<String> SENTENCES = List.of(
            "Small left pleural effusion.", "No pneumothorax.", "Cardiomegaly with a right lower lobe consolidation.");

    @TempDir
    static Path dir;

    static Path png;
    static DjlGrounder grounder;

    @BeforeAll
    static void fixtures() throws IOException {
        String tokenizer = TokenizerJson.toJson(new WordPieceTrainer(120).train(SENTENCES));
        ModelConfig cfg = ModelConfig.tiny(120);
        Path model = dir.resolve("model");
        CheckpointIO.save(
                model,
                new Checkpoint(
                        cfg,
                        ModelInit.init(cfg, 3),
                        tokenizer.getBytes(StandardCharsets.UTF_8),
                        new InferenceSettings(0.0, 0.1),
                        Map.of("purpose", "test"),
                        null,
                        null));
        BufferedImage img = new BufferedImage(96, 80, BufferedImage.TYPE_BYTE_GRAY);
        Random r = new Random(5);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 96; x++) {
                img.getRaster().setSample(x, y, 0, (x * 3 + y + r.nextInt(40)) % 256);
            }
        }
        png = dir.resolve("cxr.png");
        ImageIO.write(img, "png", png.toFile());
        grounder = DjlGrounder.load(model);
    }

    @AfterAll
    static void close() {
        grounder.close();
    }

    @Test
    void eachSentenceGetsItsBoxesAsNormalisedRectanglesNamedByTheSentence() throws IOException {
        Image image = ImageFactory.getInstance().fromFile(png);
        List<DetectedObjects> detected = grounder.detect(image, SENTENCES);
        List<List<ScoredBox>> expected = grounder.grounder().groundSentences(ImageInput.of(png), SENTENCES);
        assertThat(detected).hasSize(SENTENCES.size());
        int objects = 0;
        for (int s = 0; s < SENTENCES.size(); s++) {
            DetectedObjects d = detected.get(s);
            List<ScoredBox> boxes = expected.get(s);
            assertThat(d.getNumberOfObjects()).isEqualTo(boxes.size());
            for (int i = 0; i < boxes.size(); i++) {
                DetectedObjects.DetectedObject o = d.item(i);
                ScoredBox b = boxes.get(i);
                assertThat(o.getClassName()).isEqualTo(SENTENCES.get(s));
                assertThat(o.getProbability()).isEqualTo(b.score());
                Rectangle r = (Rectangle) o.getBoundingBox();
                assertThat(r.getX()).isEqualTo(b.box().x1());
                assertThat(r.getY()).isEqualTo(b.box().y1());
                assertThat(r.getX() + r.getWidth()).isCloseTo(b.box().x2(), org.assertj.core.data.Offset.offset(1e-12));
                assertThat(r.getY() + r.getHeight())
                        .isCloseTo(b.box().y2(), org.assertj.core.data.Offset.offset(1e-12));
                objects++;
            }
        }
        assertThat(objects).as("threshold 0: every sentence has boxes").isGreaterThan(0);
    }

    @Test
    void djlsZeroShotInputGivesTheSameAsSentences() throws IOException {
        Image image = ImageFactory.getInstance().fromFile(png);
        VisionLanguageInput in = new VisionLanguageInput(image, SENTENCES.toArray(String[]::new));
        assertThat(grounder.detect(in).toString())
                .isEqualTo(grounder.detect(image, SENTENCES).toString());
    }

    @Test
    void anImageThatIsNotABufferedImageGoesThroughItsPngEncoding() throws IOException {
        Image real = ImageFactory.getInstance().fromFile(png);
        // another implementation of DJL's Image: everything as the real one, but not wrapping a BufferedImage
        Image other = (Image) Proxy.newProxyInstance(
                Image.class.getClassLoader(),
                new Class<?>[] {Image.class},
                (proxy, method, args) ->
                        method.getName().equals("getWrappedImage") ? "an opaque image" : method.invoke(real, args));
        assertThat(grounder.detect(other, SENTENCES).toString())
                .isEqualTo(grounder.detect(real, SENTENCES).toString());
    }

    @Test
    void anEmptySentenceIsTheGroundersError() throws IOException {
        Image image = ImageFactory.getInstance().fromFile(png);
        assertThatThrownBy(() -> grounder.detect(image, List.of("Effusion.", " ")))
                .isInstanceOf(InvalidInputException.class);
    }
}
