package org.ground4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.ground4j.eval.EvalFixtures.box;

import java.util.List;
import org.assertj.core.data.Offset;
import org.ground4j.core.data.Sample;
import org.ground4j.core.geometry.Box;
import org.junit.jupiter.api.Test;

/** The shuffled-image drop, worked out by hand. */
class ImageAblationTest {

    private static final Offset<Double> EXACT = within(1e-12);
    private static final Box A = box(0, 0, 0.5, 0.5);
    private static final Box B = box(0.5, 0.5, 1, 1);

    private static Sample gold(String id, String category, Box... boxes) {
        return new Sample(id, "img/" + id + ".png", "sentence " + id, List.of(boxes), null, category, "en");
    }

    private static Sample pred(String id, Box... boxes) {
        return Sample.gold(id, null, null, List.of(boxes));
    }

    static List<Sample> gold() {
        return List.of(
                gold("s1", "pleural effusion", A),
                gold("s2", "nodule", A),
                gold("s3", "opacity", B),
                gold("n1", "negation"),
                gold("m1", "pneumothorax", A, B));
    }

    /** Every sample right with its own image. */
    static List<Sample> real() {
        return List.of(pred("s1", A), pred("s2", A), pred("s3", B), pred("n1"), pred("m1", A, B));
    }

    /**
     * On another image: the anchored effusion still right (the prior), the free nodule and opacity lost, the
     * negation still empty, one of the two pneumothorax boxes lost.
     */
    static List<Sample> shuffled() {
        return List.of(pred("s1", A), pred("s2", B), pred("s3"), pred("n1"), pred("m1", A));
    }

    @Test
    void dropsOfEveryGroupWorkedOutByHand() {
        ImageAblation a = ImageAblation.of(Evaluator.evaluate(gold(), real()), Evaluator.evaluate(gold(), shuffled()));
        assertThat(a.rows())
                .extracting(ImageAblation.Row::group)
                .containsExactly("overall", "no", "single", "multi", "anchored", "free");

        ImageAblation.Row overall = a.get("overall"); // 5/5 -> s1, n1: 2/5
        assertThat(overall.n()).isEqualTo(5);
        assertThat(overall.realPAtF1()).isEqualTo(1.0);
        assertThat(overall.shuffledPAtF1()).isEqualTo(0.4);
        assertThat(overall.pAtF1Drop()).isCloseTo(0.6, EXACT);
        assertThat(overall.shuffledMiou()).isEqualTo(0.375); // (1 + 0 + 0 + 1/2) / 4
        assertThat(overall.miouDrop()).isEqualTo(0.625);

        ImageAblation.Row no = a.get("no"); // the empty answer needs no image
        assertThat(no.n()).isEqualTo(1);
        assertThat(no.pAtF1Drop()).isZero();
        assertThat(no.realMiou()).isNaN();
        assertThat(no.miouDrop()).isNaN();

        ImageAblation.Row single = a.get("single"); // s1 s2 s3: 3/3 -> 1/3
        assertThat(single.pAtF1Drop()).isCloseTo(2.0 / 3, EXACT);
        assertThat(single.miouDrop()).isCloseTo(2.0 / 3, EXACT);

        ImageAblation.Row multi = a.get("multi"); // m1: mask IoU 1 -> 1/2
        assertThat(multi.pAtF1Drop()).isEqualTo(1.0);
        assertThat(multi.miouDrop()).isEqualTo(0.5);

        ImageAblation.Row anchored = a.get("anchored"); // s1, m1: 2/2 -> 1/2
        assertThat(anchored.n()).isEqualTo(2);
        assertThat(anchored.pAtF1Drop()).isEqualTo(0.5);
        assertThat(anchored.shuffledMiou()).isEqualTo(0.75);
        assertThat(anchored.miouDrop()).isEqualTo(0.25);

        ImageAblation.Row free = a.get("free"); // s2, s3: 2/2 -> 0
        assertThat(free.n()).isEqualTo(2);
        assertThat(free.pAtF1Drop()).isEqualTo(1.0);
        assertThat(free.miouDrop()).isEqualTo(1.0);
    }

    @Test
    void evaluationsOfDifferentGoldCannotBeCompared() {
        Evaluation real = Evaluator.evaluate(gold(), real());
        Evaluation other = Evaluator.evaluate(gold().subList(0, 4), shuffled());
        assertThatThrownBy(() -> ImageAblation.of(real, other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cover different samples")
                .hasMessageContaining("overall holds 5 and 4");
        assertThatThrownBy(() -> ImageAblation.of(real, real).get("nowhere"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown group");
    }

    @Test
    void renderedInMetricsSummaryAndReport() throws Exception {
        Evaluation real = Evaluator.evaluate(gold(), real());
        ImageAblation a = ImageAblation.of(real, Evaluator.evaluate(gold(), shuffled()));

        var free = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(MetricsJson.render(real, a))
                .get("image_ablation")
                .get("free");
        assertThat(free.get("n").asInt()).isEqualTo(2);
        assertThat(free.get("p_at_f1_1_real").asDouble()).isEqualTo(1.0);
        assertThat(free.get("p_at_f1_1_shuffled").asDouble()).isZero();
        assertThat(free.get("p_at_f1_1_drop").asDouble()).isEqualTo(1.0);
        assertThat(free.get("miou_drop").asDouble()).isEqualTo(1.0);
        assertThat(MetricsJson.render(real)).doesNotContain("image_ablation");

        String table = SummaryTable.render(real, a);
        assertThat(table)
                .contains("image ablation (real image, shuffled image, drop = real - shuffled):\n"
                        + "group           n  P@F1=1 shuffled    drop    mIoU shuffled    drop\n"
                        + "overall         5   100.0     40.0   +60.0   100.0     37.5   +62.5\n"
                        + "no              1   100.0    100.0    +0.0       –        –       –\n");
        assertThat(table).contains("free            2   100.0      0.0  +100.0   100.0      0.0  +100.0\n");

        String md = MarkdownReport.render(real, a, "g.jsonl", "p.jsonl", "s.jsonl", List.of(EvalCharts.ABLATION));
        assertThat(md)
                .contains(
                        "## Image ablation",
                        "`s.jsonl`",
                        "| Group | n | P@F1=1 real | P@F1=1 shuffled | P@F1=1 drop | mIoU real | mIoU shuffled | mIoU drop |",
                        "| Anchored | 2 | 100.0 | 50.0 | +50.0 | 100.0 | 75.0 | +25.0 |",
                        "![image ablation](image_ablation.png)");
        assertThat(MarkdownReport.render(real, "g.jsonl", "p.jsonl", List.of())).doesNotContain("Image ablation");
    }
}
