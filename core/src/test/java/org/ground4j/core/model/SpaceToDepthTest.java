package org.ground4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link GrounderModel#spaceToDepth} against its definition, element by element. */
class SpaceToDepthTest {

    @Test
    void everyOutputCellHoldsItsInputBlockInOrder() {
        qt().withFixedSeed(51)
                .withExamples(20)
                .forAll(
                        integers().between(1, 3),
                        integers().between(1, 3),
                        integers().between(1, 4))
                .checkAssert((c, side, b) -> {
                    int n = 2, h = side * b;
                    SameDiff sd = SameDiff.create();
                    SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, c, h, h);
                    SDVariable y = GrounderModel.spaceToDepth(sd, x, c, side, b);
                    INDArray in = Nd4j.rand(DataType.FLOAT, n, c, h, h);
                    INDArray out = sd.outputSingle(Map.of("x", in), y.name());
                    assertThat(out.shape()).containsExactly(n, (long) c * b * b, side, side);
                    for (int i = 0; i < n; i++) {
                        for (int ch = 0; ch < c; ch++) {
                            for (int yy = 0; yy < h; yy++) {
                                for (int xx = 0; xx < h; xx++) {
                                    int depth = (ch * b + yy % b) * b + xx % b;
                                    assertThat(out.getFloat(i, depth, yy / b, xx / b))
                                            .isEqualTo(in.getFloat(i, ch, yy, xx));
                                }
                            }
                        }
                    }
                });
    }
}
