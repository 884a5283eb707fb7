package org.ground4j.eval;

import org.ground4j.core.data.Sample.Group;

/**
 * What one sample scored (DESIGN.md section 5): the sizes of the predicted and gold box sets, the two
 * maximum one-to-one matchings between them, and the mask IoU of their unions. Every figure of the
 * evaluation is a mean of something derived here.
 *
 * <pre>{@code
 * SampleOutcome o = SampleScorer.score(goldBoxes, predictedBoxes);
 * o.success();   // P@F1=1: every prediction matched at IoU >= 0.5 and every gold box covered
 * o.chF1();      // 2 TP / (|P| + |G|) with centre-hit matches
 * }</pre>
 *
 * @param predicted     |P|, the number of predicted boxes
 * @param gold          |G|, the number of gold boxes
 * @param iouMatches    size of a maximum one-to-one matching of P and G over pairs with IoU >= 0.5
 * @param centreMatches size of a maximum one-to-one matching over pairs whose predicted centre lies in the
 *                      gold box (borders included)
 * @param maskIou       |∪P ∩ ∪G| / |∪P ∪ ∪G| in [0,1]; 0 when P or G is empty
 */
public record SampleOutcome(int predicted, int gold, int iouMatches, int centreMatches, double maskIou) {

    /** @throws IllegalArgumentException on negative counts, matchings larger than a set, or IoU outside [0,1] */
    public SampleOutcome {
        if (predicted < 0 || gold < 0) {
            throw new IllegalArgumentException("box counts must be >= 0, got |P|=" + predicted + " |G|=" + gold);
        }
        int most = Math.min(predicted, gold);
        if (iouMatches < 0 || iouMatches > most || centreMatches < 0 || centreMatches > most) {
            throw new IllegalArgumentException("matchings must lie in [0, min(|P|, |G|)] = [0, " + most + "], got IoU "
                    + iouMatches + " and centre-hit " + centreMatches);
        }
        if (!(maskIou >= 0 && maskIou <= 1)) {
            throw new IllegalArgumentException("mask IoU must lie in [0,1], got " + maskIou);
        }
    }

    /** No / single / multi, by the number of gold boxes. */
    public Group group() {
        return Group.of(gold);
    }

    /** P@F1=1 at IoU 0.5: no false positive and no false negative (a No sample succeeds iff P is empty). */
    public boolean success() {
        return iouMatches == predicted && iouMatches == gold;
    }

    /** Centre-hit F1 {@code 2 TP / (|P| + |G|)}; NaN for a No sample, where CH-F1 is not defined. */
    public double chF1() {
        return gold == 0 ? Double.NaN : 2.0 * centreMatches / (predicted + gold);
    }

    /** Whether the mask IoU reaches 0.5 (counts towards Acc). */
    public boolean maskHit() {
        return maskIou >= 0.5;
    }
}
