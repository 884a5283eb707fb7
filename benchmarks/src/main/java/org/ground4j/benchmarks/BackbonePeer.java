package org.ground4j.benchmarks;

/**
 * An engine that runs the ResNet-101 trunk (torchvision's, to layer4) on one {@code [1, 3, S, S]} input, for the
 * side-by-side comparison of {@link PeerComparison}. Each engine times its own forward call, so the figures
 * exclude the cost of moving the input and output between processes.
 */
public interface BackbonePeer extends AutoCloseable {

    /** Engine name and version ("ONNX Runtime 1.29.0"). */
    String engine();

    /** Sets the input ({@code [1, 3, S, S]}, NCHW, row-major) used by every following run. */
    void input(float[] nchw, int size);

    /** Runs one forward pass; milliseconds as the engine's side measured them. */
    double run();

    /** The last run's output, {@code [1, 2048, S/32, S/32]} row-major. */
    float[] output();

    /** Peak resident memory (KiB) of a separate process running the engine; -1 when it runs in this JVM. */
    default long peakRssKib() {
        return -1;
    }

    @Override
    void close();
}
