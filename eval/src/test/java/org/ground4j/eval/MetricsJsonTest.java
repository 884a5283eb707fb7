package org.ground4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.ground4j.core.data.Sample;
import org.junit.jupiter.api.Test;

class MetricsJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void layoutIsTheOneOtherProgramsRead() throws Exception {
        JsonNode root = JSON.readTree(
                MetricsJson.render(Evaluator.evaluate(EvaluatorTest.handGold(), EvaluatorTest.handPredictions())));
        assertThat(keys(root))
                .containsExactly("groups", "by_placement", "by_category", "failures", "threshold_sweep", "warnings");
        JsonNode failures = root.get("failures");
        assertThat(keys(failures)).containsExactly("overall", "anchored", "free", "by_category");
        assertThat(keys(failures.get("overall")))
                .containsExactly(
                        "n",
                        "none",
                        "boxes_on_no",
                        "no_box",
                        "extra_boxes",
                        "missed_boxes",
                        "loose_box",
                        "wrong_place");
        assertThat(failures.get("overall").get("n").asInt()).isEqualTo(9);
        // EvaluatorTest.handGold's comments: n1 s1 m1 right; n2 boxes on a zero-box sentence; s4 no box; s3 extra
        // box; m2 missed B; s2 and m3 loose (a centre hit below IoU 0.5)
        int[] expected = {3, 1, 1, 1, 1, 2, 0};
        for (Failure kind : Failure.values()) {
            assertThat(failures.get("overall").get(kind.key()).asInt())
                    .as(kind.key())
                    .isEqualTo(expected[kind.ordinal()]);
        }
        assertThat(failures.get("by_category").get("nodule").get("extra_boxes").asInt())
                .isEqualTo(1);
        assertThat(keys(failures.get("by_category"))).containsExactly("effusion", "nodule");
        assertThat(failures.get("free").get("n").asInt()).isEqualTo(3);
        JsonNode groups = root.get("groups");
        assertThat(keys(groups)).containsExactly("no", "single", "multi", "overall");
        assertThat(keys(groups.get("no"))).containsExactly("n", "p_at_f1_1", "n_acc");
        for (String g : List.of("single", "multi", "overall")) {
            assertThat(keys(groups.get(g))).containsExactly("n", "p_at_f1_1", "ch_f1", "miou", "acc");
        }
        assertThat(groups.get("no").get("n").asInt()).isEqualTo(2);
        assertThat(groups.get("no").get("n_acc").asDouble()).isEqualTo(0.5);
        assertThat(groups.get("overall").get("n").asInt()).isEqualTo(9);
        assertThat(keys(root.get("by_category"))).containsExactly("effusion", "nodule");
        assertThat(keys(root.get("by_category").get("nodule")))
                .containsExactly("n", "p_at_f1_1", "n_acc", "ch_f1", "miou", "acc");
        assertThat(root.get("by_category").get("effusion").get("n_acc").isNull())
                .isTrue();
        // nodule is a SynthCXR free-position finding; "effusion" is not a SynthCXR label
        JsonNode placement = root.get("by_placement");
        assertThat(keys(placement)).containsExactly("anchored", "free");
        assertThat(keys(placement.get("free"))).containsExactly("no", "single", "multi", "overall");
        assertThat(keys(placement.get("free").get("single"))).containsExactly("n", "p_at_f1_1", "ch_f1", "miou", "acc");
        assertThat(placement.get("free").get("overall").get("n").asInt()).isEqualTo(3);
        assertThat(placement.get("anchored").get("overall").get("n").asInt()).isZero();
        assertThat(placement.get("anchored").get("overall").get("p_at_f1_1").isNull())
                .isTrue();
        assertThat(root.get("threshold_sweep").isArray()).isTrue();
        assertThat(root.get("threshold_sweep")).isEmpty();
        assertThat(root.get("warnings")).hasSize(2);
    }

    @Test
    void doublesKeepFullPrecisionAndEmptyGroupsAreNull() throws Exception {
        Evaluation ev = Evaluator.evaluate(EvaluatorTest.handGold(), EvaluatorTest.handPredictions());
        JsonNode overall = JSON.readTree(MetricsJson.render(ev)).get("groups").get("overall");
        assertThat(overall.get("ch_f1").asDouble())
                .isEqualTo(ev.groups().overall().chF1()); // 16/21, every bit
        assertThat(overall.get("miou").asDouble())
                .isEqualTo(ev.groups().overall().miou());

        Evaluation noMulti = Evaluator.evaluate(List.of(Sample.gold("a", null, null, List.of())), List.of());
        JsonNode multi =
                JSON.readTree(MetricsJson.render(noMulti)).get("groups").get("multi");
        assertThat(multi.get("n").asInt()).isZero();
        assertThat(multi.get("p_at_f1_1").isNull()).isTrue();
        assertThat(multi.get("ch_f1").isNull()).isTrue();
    }

    @Test
    void sweepPointsCarryThresholdBestFlagAndGroups() throws Exception {
        JsonNode sweep = JSON.readTree(MetricsJson.render(EvalFiles.evaluate(
                        ExampleFilesTest.example("gold.jsonl"), ExampleFilesTest.example("pred.jsonl"))))
                .get("threshold_sweep");
        assertThat(sweep).hasSize(19);
        assertThat(keys(sweep.get(0))).containsExactly("threshold", "best", "groups", "by_placement");
        assertThat(sweep.get(8)
                        .get("by_placement")
                        .get("anchored")
                        .get("overall")
                        .get("n")
                        .asInt())
                .isEqualTo(8);
        assertThat(sweep.get(0).get("threshold").asDouble()).isEqualTo(0.05);
        assertThat(sweep.get(2).get("threshold").asText()).isEqualTo("0.15");
        int bests = 0;
        for (JsonNode p : sweep) {
            if (p.get("best").asBoolean()) {
                bests++;
                assertThat(p.get("threshold").asDouble()).isEqualTo(0.45);
                assertThat(p.get("groups").get("overall").get("p_at_f1_1").asDouble())
                        .isEqualTo(0.75);
            }
        }
        assertThat(bests).isEqualTo(1);
    }
}
