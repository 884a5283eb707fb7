package org.ground4j.benchmarks.ort;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.ground4j.benchmarks.BackbonePeer;

/**
 * ONNX Runtime (Java, CPU execution provider) running the exported ResNet-101 trunk: all graph optimisations
 * (it fuses BatchNorm into the convolutions itself), sequential execution, {@code threads} intra-op threads and
 * one inter-op thread; otherwise ONNX Runtime's defaults. Compiled only with the Maven profile {@code peers}; the
 * harness ({@code PeerComparison}) loads it by name so that the normal build needs no ONNX Runtime jar.
 */
public final class OrtPeer implements BackbonePeer {

    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final long[] inputShape;
    private OnnxTensor input;
    private float[] output;

    /** @param onnx the model file; @param threads intra-op threads (the thread count ours runs with) */
    public OrtPeer(Path onnx, int threads) {
        try {
            env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
            opts.setIntraOpNumThreads(threads);
            opts.setInterOpNumThreads(1);
            opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(onnx.toString(), opts);
            Map.Entry<String, NodeInfo> in =
                    session.getInputInfo().entrySet().iterator().next();
            inputName = in.getKey();
            inputShape = ((TensorInfo) in.getValue().getInfo()).getShape();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load " + onnx + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String engine() {
        return "ONNX Runtime " + env.getVersion();
    }

    @Override
    public void input(float[] nchw, int size) {
        long[] shape = {1, 3, size, size};
        if (!Arrays.equals(shape, inputShape)) {
            throw new IllegalArgumentException("the ONNX model takes " + Arrays.toString(inputShape) + ", not "
                    + Arrays.toString(shape) + ": export it at this size (make_resnet101.py --size " + size + ")");
        }
        try {
            if (input != null) {
                input.close();
            }
            input = OnnxTensor.createTensor(env, FloatBuffer.wrap(nchw), shape);
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public double run() {
        try {
            long t0 = System.nanoTime();
            try (OrtSession.Result r = session.run(Map.of(inputName, input))) {
                double ms = (System.nanoTime() - t0) / 1e6;
                FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer(); // a copy: outside the timed call
                output = new float[fb.remaining()];
                fb.get(output);
                return ms;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime run failed: " + e.getMessage(), e);
        }
    }

    @Override
    public float[] output() {
        return output;
    }

    @Override
    public void close() {
        try {
            if (input != null) {
                input.close();
            }
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
