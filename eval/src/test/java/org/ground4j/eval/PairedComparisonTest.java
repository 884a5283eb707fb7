package org.ground4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.ground4j.eval.EvalFixtures.box;

import java.util.List;
import org.ground4j.core.data.Sample;
import org.ground4j.core.geometry.Box;
import org.junit.jupiter.api.Test;

/** Paired counts of two prediction sets, worked out by hand. */
class PairedComparisonTest {

    private static final Box A = box(0, 0, 0.5, 0.5);
    private static final Box B = box(0.5, 0.5, 1, 1);

    private static Sample pred(String id, Box... boxes) {
        return Sample.gold(id, null, null, List.of(boxes));
    }

    /** ImageAblationTest's gold: s1 effusion (anchored), s2 nodule and s3 opacity (free), n1, m1 pneumothorax. */
    private static final List<Sample> GOLD = ImageAblationTest.gold();

    // candidate: s1 s2 n1 m1 right, s3 wrong; baseline: s1 s3 right, s2 n1 m1 wrong
    private static final List<Sample> CANDIDATE =
            List.of(pred("s1", A), pred("s2", A), pred("s3"), pred("n1"), pred("m1", A, B));
    private static final List<Sample> BASELINE =
            List.of(pred("m1", A), pred("n1", B), pred("s3", B), pred("s2", B), pred("s1", A));

    @Test
    void countsOfEveryGroupWorkedOutByHand() {
        PairedComparison c = PairedComparison.of(GOLD, CANDIDATE, BASELINE);
        assertThat(c.rows()).extracting(PairedComparison.Row::group).containsExactlyElementsOf(ImageAblation.KEYS);

        // overall: both s1; only candidate s2 n1 m1; only baseline s3
        assertThat(c.get("overall")).isEqualTo(new PairedComparison.Row("overall", 5, 1, 3, 1, 0));
        assertThat(c.get("overall").candidatePAtF1()).isEqualTo(0.8);
        assertThat(c.get("overall").baselinePAtF1()).isEqualTo(0.4);
        assertThat(c.get("overall").difference()).isCloseTo(0.4, within(1e-12));
        assertThat(c.get("overall").pValue()).isEqualTo(McNemar.exactP(3, 1)).isEqualTo(2.0 * 5 / 16);
        assertThat(c.get("no")).isEqualTo(new PairedComparison.Row("no", 1, 0, 1, 0, 0));
        assertThat(c.get("single")).isEqualTo(new PairedComparison.Row("single", 3, 1, 1, 1, 0));
        assertThat(c.get("multi")).isEqualTo(new PairedComparison.Row("multi", 1, 0, 1, 0, 0));
        assertThat(c.get("anchored")).isEqualTo(new PairedComparison.Row("anchored", 2, 1, 1, 0, 0));
        assertThat(c.get("free")).isEqualTo(new PairedComparison.Row("free", 2, 0, 1, 1, 0));
    }

    @Test
    void aSetComparedWithItselfHasNoDisagreementAndPOne() {
        PairedComparison c = PairedComparison.of(GOLD, CANDIDATE, CANDIDATE);
        for (PairedComparison.Row r : c.rows()) {
            assertThat(r.onlyCandidate() + r.onlyBaseline()).as(r.group()).isZero();
            assertThat(r.pValue()).as(r.group()).isEqualTo(1.0);
        }
    }

    @Test
    void markdownShowsBothFiguresWithStandardErrorsTheDisagreementsAndP() {
        String md = PairedComparison.of(GOLD, CANDIDATE, BASELINE).toMarkdown("new.jsonl", "old.jsonl");
        assertThat(md).startsWith("| Group | n | P@F1=1 new.jsonl | P@F1=1 old.jsonl | Difference | Only new.jsonl |");
        // 0.8 +- sqrt(0.8 * 0.2 / 5) = 17.9; 0.4 +- sqrt(0.24 / 5) = 21.9; p = 10/16
        assertThat(md).contains("| overall | 5 | 80.0 ± 17.9 | 40.0 ± 21.9 | +40.0 | 3 | 1 | 0.63 |");
        assertThat(md).contains("| free | 2 | 50.0 ± 35.4 | 50.0 ± 35.4 | +0.0 | 1 | 1 | 1 |");
        assertThat(md.lines()).hasSize(2 + ImageAblation.KEYS.size());
    }

    @Test
    void pValuesPrintWithTwoSignificantDigits() {
        assertThat(PairedComparison.pValue(5.1e-5)).isEqualTo("5.1e-05");
        assertThat(PairedComparison.pValue(0.0163)).isEqualTo("0.016");
        assertThat(PairedComparison.pValue(1.0)).isEqualTo("1");
    }

    @Test
    void aPredictionSetThatMissesOrAddsIdsIsRejected() {
        assertThatThrownBy(() -> PairedComparison.of(GOLD, CANDIDATE.subList(0, 4), BASELINE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the candidate predictions: no prediction for 1 gold id(s) (m1)");
        List<Sample> extra = new java.util.ArrayList<>(BASELINE);
        extra.add(pred("x9", A));
        assertThatThrownBy(() -> PairedComparison.of(GOLD, CANDIDATE, extra))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the baseline predictions: 1 id(s) not in gold (x9)");
    }

    @Test
    void countsThatDoNotAddUpAreRejected() {
        assertThatThrownBy(() -> new PairedComparison.Row("overall", 5, 1, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add up to n=5");
    }
}
