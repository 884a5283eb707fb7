package org.ground4j.train.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Global gradient-norm clipping, as {@code torch.nn.utils.clip_grad_norm_}: one norm over all gradients. */
public final class GradientClipping {

    private GradientClipping() {}

    /** The L2 norm of all gradients together. */
    public static double norm(Map<String, INDArray> grads) {
        double sum = 0;
        for (INDArray g : grads.values()) {
            double n = g.norm2Number().doubleValue();
            sum += n * n;
        }
        return Math.sqrt(sum);
    }

    /**
     * Scales the gradients in place so that their global norm is at most {@code maxNorm} (no-op for
     * {@code maxNorm <= 0}).
     *
     * @return the norm before clipping (NaN or infinite when a gradient is)
     */
    public static double clip(Map<String, INDArray> grads, double maxNorm) {
        double total = norm(grads);
        if (maxNorm > 0 && Double.isFinite(total) && total > maxNorm) {
            double scale = maxNorm / (total + 1e-6);
            for (INDArray g : grads.values()) {
                g.muli(scale);
            }
        }
        return total;
    }
}
