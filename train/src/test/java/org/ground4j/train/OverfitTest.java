package org.ground4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ground4j.core.data.Sample;
import org.ground4j.core.data.SampleJsonl;
import org.ground4j.core.model.BackboneConfig;
import org.ground4j.core.model.GrounderModel;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.core.model.ModelInit;
import org.ground4j.core.model.StateDict;
import org.ground4j.core.model.TextEncoderConfig;
import org.ground4j.core.model.TrainingGraph;
import org.ground4j.core.model.TrainingOptions;
import org.ground4j.core.model.TransformerConfig;
import org.ground4j.core.synth.SynthConfig;
import org.ground4j.core.synth.SynthCxr;
import org.ground4j.core.text.SentenceTokenizer;
import org.ground4j.core.text.TokenizerJson;
import org.ground4j.core.text.WordPieceTrainer;
import org.ground4j.eval.Evaluation;
import org.ground4j.train.loss.LossWeights;
import org.ground4j.train.matching.HungarianMatcher;
import org.ground4j.train.optim.AdamW;
import org.ground4j.train.optim.ParamGroups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole training stack learns: a small configuration overfits 8 synthetic sentences (the loss falls at
 * least 5x and P@F1=1 on them reaches 0.75).
 */
class OverfitTest {

    @TempDir
    Path dir;

    @Test
    void aSmallModelOverfitsEightSyntheticSentences() {
        overfit(false);
    }

    /** The same with query selection, trained by the dense term beside the set loss. */
    @Test
    void aSmallModelWithQuerySelectionOverfitsEightSyntheticSentences() {
        overfit(true);
    }

    private void overfit(boolean querySelection) {
        SynthCxr.generate(SynthConfig.of(40, 5), dir);
        List<Sample> all = SampleJsonl.read(dir.resolve(SynthCxr.EXPERT));
        List<Sample> eight = new ArrayList<>();
        for (Sample s : all) {
            if (eight.size() < 8) {
                eight.add(s);
            }
        }
        Path data = dir.resolve("eight.jsonl");
        SampleJsonl.write(data, eight);
        Path tok = dir.resolve("tokenizer.json");
        TokenizerJson.write(
                tok,
                new WordPieceTrainer(200)
                        .train(all.stream().map(Sample::sentence).toList()));

        try (SentenceTokenizer tokenizer = new SentenceTokenizer(tok, 24)) {
            ModelConfig cfg = new ModelConfig(
                    new BackboneConfig(18, 8, 3, 1e-5),
                    new TextEncoderConfig(tokenizer.vocabSize(), 32, 1, 2, 64, 32, 2, 1e-12),
                    new TransformerConfig(32, 2, 1, 2, 64, 0.0, 6, querySelection),
                    128,
                    24);
            StateDict w0 = ModelInit.init(cfg, 11);
            GroundingData set = GroundingData.load(data);
            BatchBuilder batches = new BatchBuilder(cfg.imageSize(), tokenizer, null);
            PreparedBatch batch = batches.build(set.groups(), 0);
            LossWeights loss = querySelection ? new LossWeights(1, 5, 2, 0.1, 1) : LossWeights.detr();
            TrainingGraph graph = TrainingGraph.build(cfg, w0, TrainingOptions.DEFAULT.withDenseHead(loss.dense() > 0));
            TrainStep step = new TrainStep(
                    graph,
                    loss,
                    HungarianMatcher.defaults(),
                    new AdamW(0.9, 0.999, 1e-8, 0),
                    new ParamGroups(1e-3, 1e-3, 1e-3, 0, 1),
                    1.0);
            double first = Double.NaN, last = Double.NaN;
            int steps = Integer.getInteger("overfit.steps", 250);
            for (int i = 0; i < steps; i++) {
                TrainStep.Result r = step.run(batch, 0, Math.min(1.0, (i + 1) / 10.0), i);
                assertThat(r.applied()).as("step %d finite", i).isTrue();
                if (i == 0) {
                    first = r.loss();
                }
                last = r.loss();
            }
            Evaluation ev;
            try (GrounderModel model = GrounderModel.forInference(cfg, graph.weights(w0))) {
                ev = new Validator(batches, 8).evaluate(model, set, 0.1);
            }
            double best = ev.sweep().best().orElseThrow().groups().overall().pAtF1();
            System.out.printf(
                    "overfit (query selection %b): loss %.3f -> %.3f (%.1fx), P@F1=1 %.3f%n",
                    querySelection, first, last, first / last, best);
            assertThat(first / last).as("loss %.3f -> %.3f", first, last).isGreaterThanOrEqualTo(5.0);
            assertThat(best).isGreaterThanOrEqualTo(0.75);
        }
    }
}
