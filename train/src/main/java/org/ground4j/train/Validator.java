package org.ground4j.train;

import java.util.ArrayList;
import java.util.List;
import org.ground4j.core.data.Sample;
import org.ground4j.core.geometry.ScoredBox;
import org.ground4j.core.model.GrounderModel;
import org.ground4j.core.model.ModelOutputs;
import org.ground4j.core.model.NativeMemory;
import org.ground4j.eval.Evaluation;
import org.ground4j.eval.Evaluator;
import org.ground4j.infer.PostProcessor;
import org.ground4j.infer.QueryDecoder;

/**
 * Validation: grounds every sentence of a set with the current weights (boxes kept down to confidence 0.05
 * so that the evaluation's threshold sweep can choose), then evaluates with the eval module.
 */
public final class Validator {

    /** The lowest threshold of the sweep: boxes below it can never count. */
    public static final double FLOOR = 0.05;

    private final BatchBuilder batches;
    private final int batchImages;

    public Validator(BatchBuilder batches, int batchImages) {
        this.batches = batches;
        this.batchImages = batchImages;
    }

    /** Predictions for every sample of {@code data}, in original-image coordinates, with scores. */
    public List<Sample> predict(GrounderModel model, GroundingData data, double fusionIou) {
        return predict(model, data, new PostProcessor(FLOOR, fusionIou));
    }

    /** The same with other post-processing ({@link PostProcessor#RAW}: every query's box, for a search). */
    public List<Sample> predict(GrounderModel model, GroundingData data, PostProcessor post) {
        List<Sample> preds = new ArrayList<>();
        List<GroundingData.ImageGroup> groups = data.groups();
        for (int from = 0; from < groups.size(); from += batchImages) {
            PreparedBatch b = batches.build(groups.subList(from, Math.min(groups.size(), from + batchImages)), 0);
            ModelOutputs out = model.forward(b.images(), b.imageIndex(), b.text());
            List<org.ground4j.core.image.Letterbox> perSentence = new ArrayList<>();
            for (int i : b.imageIndex()) {
                perSentence.add(b.letterbox().get(i));
            }
            List<List<ScoredBox>> decoded = QueryDecoder.decode(out, perSentence, post);
            for (int i = 0; i < b.sentences(); i++) {
                preds.add(b.samples().get(i).withScoredBoxes(decoded.get(i)));
            }
            NativeMemory.afterPass();
        }
        return preds;
    }

    /** Predicts and evaluates against the set's own gold boxes. */
    public Evaluation evaluate(GrounderModel model, GroundingData data, double fusionIou) {
        return Evaluator.evaluate(data.samples(), predict(model, data, fusionIou));
    }
}
