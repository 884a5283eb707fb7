package org.ground4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SummaryTableTest {

    @Test
    void printsEveryGroupBothPlacementGroupsTheBestThresholdAndTheWarningCount() throws Exception {
        Evaluation ev =
                EvalFiles.evaluate(ExampleFilesTest.example("gold.jsonl"), ExampleFilesTest.example("pred.jsonl"));
        String[] lines = SummaryTable.render(ev).split("\n");
        assertThat(lines).hasSize(9);
        assertThat(lines[0]).isEqualTo("group           n  P@F1=1   N-Acc   CH-F1    mIoU     Acc");
        assertThat(lines[1]).isEqualTo("no              6    83.3    83.3       –       –       –");
        assertThat(lines[2]).startsWith("single          7    57.1       –");
        assertThat(lines[4]).startsWith("overall        16    62.5    83.3");
        assertThat(lines[5]).startsWith("anchored        8    62.5    66.7"); // PlacementFiguresTest: 5 of 8
        assertThat(lines[6]).startsWith("free            5    40.0   100.0");
        assertThat(lines[7]).isEqualTo("best threshold 0.45 (overall P@F1=1 75.0)");
        assertThat(lines[8]).isEqualTo("2 warnings (see report.md)");
    }
}
