package org.ground4j.infer;

import java.util.ArrayList;
import java.util.List;
import org.ground4j.core.geometry.ScoredBox;
import org.ground4j.core.image.Letterbox;
import org.ground4j.core.model.ModelOutputs;

/**
 * From the network's raw outputs to each sentence's boxes on its original image (DESIGN.md section 4):
 * confidence = sigmoid(logit), then the {@link PostProcessor} (threshold, weighted box fusion) in the model
 * input's frame, then the mapping back through the letterbox, clamped to [0,1]; a box that lies only on
 * padding is dropped. The one place both grounding and validation during training decode predictions.
 *
 * <pre>{@code
 * List<List<ScoredBox>> boxes = QueryDecoder.decode(outputs, letterboxOfEachSentence, PostProcessor.defaults());
 * }</pre>
 */
public final class QueryDecoder {

    private QueryDecoder() {}

    /**
     * @param out       the last decoder layer is used
     * @param letterbox per sentence (row of {@code out}), the letterbox of its image
     * @return per sentence, its boxes sorted by score
     */
    public static List<List<ScoredBox>> decode(ModelOutputs out, List<Letterbox> letterbox, PostProcessor post) {
        List<List<ScoredBox>> queries = QueryBoxes.of(out);
        if (queries.size() != letterbox.size()) {
            throw new IllegalArgumentException(queries.size() + " sentences but " + letterbox.size() + " letterboxes");
        }
        List<List<ScoredBox>> result = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            List<ScoredBox> mapped = new ArrayList<>();
            for (ScoredBox b : post.apply(queries.get(i))) {
                ScoredBox m = QueryBoxes.toOriginal(b, letterbox.get(i));
                if (m != null) {
                    mapped.add(m);
                }
            }
            result.add(List.copyOf(mapped));
        }
        return result;
    }
}
