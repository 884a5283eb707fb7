package org.ground4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.ground4j.core.io.SafeTensors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reference tensors written by tools/fixtures/*.py (PyTorch 1.13, HF transformers): see their README. */
final class Fixtures {

    private Fixtures() {}

    static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("fixture not found: " + name, e);
        }
    }

    static StateDict load(String name) {
        return SafeTensors.read(path(name)).tensors();
    }

    /** Max |a - b| over all elements, after both are cast to double. */
    static double maxAbsDiff(INDArray a, INDArray b) {
        assertThat(a.shape()).as("shape").containsExactly(b.shape());
        return a.castTo(DataType.DOUBLE)
                .sub(b.castTo(DataType.DOUBLE))
                .amaxNumber()
                .doubleValue();
    }

    /** Max |a - b| / (1 + |b|): a tolerance that scales with the reference's magnitude. */
    static double maxRelDiff(INDArray a, INDArray b) {
        assertThat(a.shape()).as("shape").containsExactly(b.shape());
        INDArray bd = b.castTo(DataType.DOUBLE);
        INDArray diff = org.nd4j.linalg.ops.transforms.Transforms.abs(
                a.castTo(DataType.DOUBLE).sub(bd));
        return diff.div(org.nd4j.linalg.ops.transforms.Transforms.abs(bd).add(1.0))
                .maxNumber()
                .doubleValue();
    }
}
