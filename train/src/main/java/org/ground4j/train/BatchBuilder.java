package org.ground4j.train;

import java.util.ArrayList;
import java.util.List;
import org.ground4j.core.data.Sample;
import org.ground4j.core.data.augment.Augmented;
import org.ground4j.core.data.augment.Augmenter;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.image.ImageLoader;
import org.ground4j.core.image.Letterbox;
import org.ground4j.core.image.ModelInput;
import org.ground4j.core.image.PreprocessConfig;
import org.ground4j.core.image.Preprocessor;
import org.ground4j.core.image.UnitImage;
import org.ground4j.core.model.ImageBatch;
import org.ground4j.core.text.SentenceTokenizer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns image groups into a {@link PreparedBatch}: read, augment (training only, seeded), letterbox and
 * normalise, tokenise, and map gold boxes into the model input's frame.
 */
public final class BatchBuilder {

    private final Preprocessor preprocessor;
    private final SentenceTokenizer tokenizer;
    private final Augmenter augmenter;

    /**
     * @param imageSize side of the model input
     * @param augmenter null for none
     */
    public BatchBuilder(int imageSize, SentenceTokenizer tokenizer, Augmenter augmenter) {
        this.preprocessor = new Preprocessor(PreprocessConfig.DEFAULT.withSize(imageSize));
        this.tokenizer = tokenizer;
        this.augmenter = augmenter;
    }

    /**
     * @param seed augmentation seed of this batch (ignored without augmentation)
     * @return the batch, or null when augmentation left no sentence
     */
    public PreparedBatch build(List<GroundingData.ImageGroup> groups, long seed) {
        int n = groups.size();
        List<ModelInput> inputs = new ArrayList<>(n);
        List<Integer> index = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        List<List<Box>> targets = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            GroundingData.ImageGroup g = groups.get(i);
            UnitImage img = ImageLoader.DEFAULT.load(g.image());
            List<Sample> ss = g.samples();
            if (augmenter != null) {
                Augmented a = augmenter.apply(img, ss, seed * 1_000_003L + i);
                img = a.image();
                ss = a.samples();
            }
            ModelInput in = preprocessor.apply(img);
            inputs.add(in);
            for (Sample s : ss) {
                index.add(i);
                sentences.add(s.sentence());
                List<Box> t = new ArrayList<>(s.boxes().size());
                for (Box b : s.boxes()) {
                    t.add(in.letterbox().toModel(b));
                }
                targets.add(t);
                samples.add(s);
            }
        }
        if (sentences.isEmpty()) {
            return null;
        }
        int size = inputs.get(0).size();
        float[] pixels = new float[n * 3 * size * size];
        int[] heights = new int[n], widths = new int[n];
        List<Letterbox> boxes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ModelInput in = inputs.get(i);
            System.arraycopy(in.pixels(), 0, pixels, i * 3 * size * size, 3 * size * size);
            heights[i] = in.letterbox().contentHeight();
            widths[i] = in.letterbox().contentWidth();
            boxes.add(in.letterbox());
        }
        ImageBatch images = new ImageBatch(Nd4j.create(pixels, new long[] {n, 3, size, size}, 'c'), heights, widths);
        return new PreparedBatch(
                images,
                boxes,
                index.stream().mapToInt(Integer::intValue).toArray(),
                tokenizer.encode(sentences),
                targets,
                samples);
    }
}
