package org.ground4j.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import org.ground4j.core.model.GrounderModel;
import org.ground4j.core.model.ImageBatch;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.core.model.ModelFlops;
import org.ground4j.core.model.ModelInit;
import org.ground4j.core.model.StateDict;
import org.ground4j.core.model.TokenBatch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward time of a model configuration, split into image encoder, text encoder and fusion + decoder, each also
 * as GFLOP/s and as a share of ND4J's SGEMM rate measured in the same process. Prints a Markdown table row.
 *
 * <pre>
 * OMP_NUM_THREADS=1 java -cp ... org.ground4j.benchmarks.ModelForwardBench paper 2 5
 * </pre>
 * Arguments: preset (tiny, cpu, paper), warm-up runs, timed runs. Sentences have 16 tokens.
 */
public final class ModelForwardBench {

    private ModelForwardBench() {}

    public static void main(String[] args) {
        String preset = args.length > 0 ? args[0] : "paper";
        int warm = args.length > 1 ? Integer.parseInt(args[1]) : 2,
                runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        ModelConfig cfg = switch (preset) {
            case "tiny" -> ModelConfig.tiny(2000);
            case "cpu" -> ModelConfig.cpu(2000);
            default -> ModelConfig.paper();
        };
        StateDict w = ModelInit.init(cfg, 1);
        long params = w.parameterCount();
        int s = cfg.imageSize(), tokens = 16;
        Nd4j.getRandom().setSeed(1);
        INDArray px = Nd4j.rand(DataType.FLOAT, 1, 3, s, s);
        ImageBatch img = new ImageBatch(px, new int[] {s}, new int[] {s});
        int[][] ids = new int[1][tokens], mask = new int[1][tokens];
        for (int j = 0; j < tokens; j++) {
            ids[0][j] = 5 + j;
            mask[0][j] = 1;
        }
        TokenBatch text = new TokenBatch(ids, mask);
        double sgemm = sgemmGflops();
        try (GrounderModel m = GrounderModel.forInference(cfg, w)) {
            INDArray tok = m.encodeImages(px);
            double image = median(warm, runs, () -> m.encodeImages(px));
            double textMs = median(warm, runs, () -> m.encodeText(text));
            double ground = median(warm, runs, () -> m.ground(tok, img, new int[] {0}, text));
            double fusion = Math.max(ground - textMs, 1e-3);
            ModelFlops f = ModelFlops.of(cfg, tokens);
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s | %.1f M | %.1f | %s | %s | %s | %.1f |%n",
                    preset,
                    System.getenv().getOrDefault("OMP_NUM_THREADS", "?"),
                    params / 1e6,
                    image + ground,
                    cell(image, f.imageEncoderMacs(), sgemm),
                    cell(textMs, f.textEncoderMacs(), sgemm),
                    cell(fusion, f.fusionDecoderMacs(), sgemm),
                    sgemm);
        }
    }

    private static String cell(double ms, double macs, double sgemm) {
        double gflops = 2 * macs / (ms / 1e3) / 1e9;
        return String.format(Locale.ROOT, "%.1f ms, %.1f GFLOP/s (%.0f %%)", ms, gflops, 100 * gflops / sgemm);
    }

    private static double median(int warm, int runs, Runnable r) {
        for (int i = 0; i < warm; i++) {
            r.run();
        }
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            System.gc(); // frees the last run's native arrays: a run must not pay page faults for the previous one
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        return t[runs / 2];
    }

    /** ND4J SGEMM 2048 x 2048, best of 5. */
    static double sgemmGflops() {
        int n = 2048;
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n),
                b = Nd4j.rand(DataType.FLOAT, n, n),
                c = Nd4j.zeros(DataType.FLOAT, n, n);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            long t0 = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            double sec = (System.nanoTime() - t0) / 1e9;
            if (i > 0) {
                best = Math.min(best, sec);
            }
        }
        return 2.0 * n * n * n / best / 1e9;
    }
}
