package org.ground4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.ground4j.core.data.Sample;
import org.junit.jupiter.api.Test;

/**
 * 100,000 scored samples with the PadChest-GR mix, threshold sweep included, must evaluate in seconds: a
 * validation pass during training runs this every epoch. The bound is loose (shared two-core machines);
 * the time is printed for the record.
 */
class EvaluatorScaleTest {

    @Test
    void evaluatesOneHundredThousandSamplesInSeconds() {
        Random rnd = new Random(2024);
        List<Sample> gold = EvalFixtures.gold(rnd, 100_000);
        List<Sample> pred = EvalFixtures.predictions(rnd, gold);
        Evaluator.evaluate(gold.subList(0, 5_000), pred.subList(0, 5_000)); // warm-up
        long start = System.nanoTime();
        Evaluation ev = Evaluator.evaluate(gold, pred);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("evaluated 100,000 samples with a 19-point sweep in %.2f s%n", seconds);

        assertThat(ev.groups().overall().n()).isEqualTo(100_000);
        assertThat(ev.sweep().points()).hasSize(ThresholdSweep.STEPS);
        // the mix: about 41 % No, 46 % Single, 13 % Multi
        assertThat(ev.groups().no().n()).isBetween(40_000, 42_000);
        assertThat(ev.groups().single().n()).isBetween(45_000, 47_000);
        assertThat(ev.groups().multi().n()).isBetween(12_000, 14_000);
        assertThat(seconds).isLessThan(20.0);
    }
}
