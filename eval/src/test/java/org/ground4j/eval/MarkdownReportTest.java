package org.ground4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ground4j.core.data.Sample;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    private static Evaluation example() throws Exception {
        return EvalFiles.evaluate(ExampleFilesTest.example("gold.jsonl"), ExampleFilesTest.example("pred.jsonl"));
    }

    @Test
    void mainTableHasTheColumnsOfTable3InPercentWithOneDecimal() throws Exception {
        String md = MarkdownReport.render(example(), "gold.jsonl", "pred.jsonl", List.of());
        assertThat(md).contains("| | No (6) | Single (7) | | | Multi (3) | | | Overall (16) | | |\n");
        assertThat(md)
                .contains("| **Predictions** | **N-Acc** | **P@F1=1** | **CH-F1** | **Acc** | **P@F1=1** | **CH-F1** "
                        + "| **Acc** | **P@F1=1** | **CH-F1** | **Acc** |\n");
        // N-Acc 5/6, Single P@F1=1 4/7, Multi 1/3, Overall 10/16
        assertThat(md)
                .containsPattern("\\| pred\\.jsonl \\| 83\\.3 \\| 57\\.1 \\| \\d+\\.\\d \\| \\d+\\.\\d \\| 33\\.3 \\|");
        assertThat(md).containsPattern("\\| 62\\.5 \\| \\d+\\.\\d \\| \\d+\\.\\d \\|\n");
        assertThat(md).contains("| No | 6 | 83.3 | 83.3 | – | – | – |\n");
    }

    @Test
    void placementTableSplitsAnchoredAndFreeByGroupAndTheSweepHasTheirColumns() throws Exception {
        String md = MarkdownReport.render(example(), "gold.jsonl", "pred.jsonl", List.of());
        assertThat(md).contains("### By placement", "**free**-position (opacity, consolidation, nodule)");
        // PlacementFiguresTest: anchored 5 of 8 (no 2 of 3, single 2 of 3, multi 1 of 2), free 2 of 5
        assertThat(md)
                .contains(
                        "| Anchored | 8 | 62.5 | 66.7 |",
                        "| Anchored, no | 3 | 66.7 | 66.7 | – | – | – |\n",
                        "| Anchored, single | 3 | 66.7 | – |",
                        "| Anchored, multi | 2 | 50.0 | – |",
                        "| Free | 5 | 40.0 | 100.0 |",
                        "| Free, multi | 1 | 0.0 | – |");
        assertThat(md).contains("| Acc Overall | P@F1=1 Anchored | P@F1=1 Free |\n");
        assertThat(md.indexOf("### By placement")).isLessThan(md.indexOf("## Threshold sweep"));
    }

    @Test
    void sweepCategoriesChartsAndWarningsHaveTheirSections() throws Exception {
        String md = MarkdownReport.render(
                example(),
                "gold.jsonl",
                "pred.jsonl",
                List.of(EvalCharts.GROUPS, EvalCharts.SWEEP, EvalCharts.CATEGORIES));
        assertThat(md).contains("Best threshold **0.45**: overall P@F1=1 75.0");
        assertThat(md).contains("| **0.45** | **100.0** |");
        assertThat(md)
                .contains(
                        "![threshold sweep](threshold_sweep.png)",
                        "![figures by category](categories.png)",
                        "![figures by group](groups.png)");
        // by category, best P@F1=1 first: aortic elongation (1 of 1) before atelectasis (0 of 1)
        assertThat(md.indexOf("| aortic elongation | 1 | 100.0 |")).isLessThan(md.indexOf("| atelectasis | 1 | 0.0 |"));
        assertThat(md).contains("## Warnings\n\n- 1 of 16 gold samples had no prediction");
        assertThat(md)
                .contains(
                        "## Why samples fail",
                        "| Samples | n | right | boxes on a zero-box sentence | no box "
                                + "| extra boxes | missed boxes | loose box | wrong place |\n");
        // 10 of 16 right; 1 of 6 zero-box sentences got boxes
        assertThat(md).containsPattern("\\| Overall \\| 16 \\| 62\\.5 \\| 6\\.3 \\|");
        assertThat(md.indexOf("## By category")).isLessThan(md.indexOf("## Why samples fail"));
    }

    @Test
    void withoutScoresCategoriesOrWarningsTheReportSaysSo() {
        Evaluation ev = Evaluator.evaluate(
                List.of(Sample.gold("a", null, null, List.of())), List.of(Sample.gold("a", null, null, List.of())));
        String md = MarkdownReport.render(ev, "g", "p", List.of(EvalCharts.GROUPS));
        assertThat(md).contains("No sweep: the predictions carry no scores");
        assertThat(md).contains("The gold samples carry no category.");
        assertThat(md).contains("## Warnings\n\nNone.\n");
        assertThat(md).doesNotContain("threshold_sweep.png");
    }
}
