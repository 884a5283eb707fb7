package org.ground4j.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ground4j.core.io.SafeTensors;
import org.ground4j.core.model.Backbone;
import org.ground4j.core.model.BackboneConfig;
import org.ground4j.core.model.ExecutionPlan;
import org.ground4j.core.model.StateDict;
import org.ground4j.core.model.WeightImport;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The same ResNet-101 trunk (torchvision's, to layer4) with the same weights on the same input, run
 * by ground4j (SameDiff + oneDNN, the default inference layout), ONNX Runtime (Java, CPU) and PyTorch (a
 * {@code /usr/bin/python3} worker), alternating A B C A B C in one measurement so that drift in the machine hits
 * all three alike. The weights come from {@code make_resnet101.py} ({@code resnet101-seed0.safetensors} through
 * ground4j's torchvision importer, {@code resnet101-<S>.onnx} for ONNX Runtime). Afterwards each peer's output is
 * compared with ours (max abs difference), so the peers are known to compute the same thing.
 *
 * <p>A peer that is missing (no ONNX Runtime jar, no ONNX file, no PyTorch) gives a failed row saying what to
 * install or run; ours runs regardless.
 */
final class PeerComparison {

    private static final String ORT_CLASS = "org.ground4j.benchmarks.ort.OrtPeer";

    private final BenchOptions o;
    private final int threads;

    PeerComparison(BenchOptions options, int threads) {
        this.o = options;
        this.threads = threads;
    }

    List<Measurement> run(int size) {
        String row = "backbone ResNet-101 @" + size + ", torchvision weights";
        Path weights = o.peersDir.resolve("resnet101-seed0.safetensors");
        Path onnx = o.peersDir.resolve("resnet101-" + size + ".onnx");
        String makeHint =
                "run /usr/bin/python3 benchmarks/peers/make_resnet101.py" + (size == 640 ? "" : " --size " + size);
        List<Measurement> failed = new ArrayList<>();
        BackboneConfig cfg = BackboneConfig.resnet101();
        StateDict w = new StateDict().putAll("backbone", Backbone.init(cfg, 1));
        String oursNote;
        if (Files.isRegularFile(weights)) {
            WeightImport.Report r =
                    WeightImport.resnet(w, SafeTensors.read(weights).tensors());
            if (!r.complete()) {
                throw new IllegalStateException(weights + " does not fit the ResNet-101 backbone: " + r);
            }
            oursNote = "weights imported from " + weights.getFileName() + " ("
                    + r.loaded().size() + " tensors)";
        } else {
            oursNote = "no " + weights + " (" + makeHint + "): random weights, no peers";
        }

        List<BackbonePeer> peers = new ArrayList<>();
        if (Files.isRegularFile(weights)) {
            openOrt(onnx, makeHint, row, peers, failed);
            openTorch(weights, row, peers, failed);
        }

        SameDiff sd = SameDiff.create();
        SDVariable img = sd.placeHolder("image", DataType.FLOAT, -1, 3, size, size);
        String out = Backbone.build(sd, "backbone", img, cfg, w.sub("backbone"), false, Backbone.INFERENCE_LAYOUT)
                .name();
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.FLOAT, 1, 3, size, size);
        float[] input = x.dup('c').data().asFloat();
        for (BackbonePeer p : peers) {
            p.input(input, size);
        }
        // ours runs as the library does (GrounderModel.encodeImages): the graph's execution plan; SameDiff's own
        // session on the same graph alternates with the peers, to show what the plan saves
        ExecutionPlan plan = new ExecutionPlan(sd, "image", out);
        peers.add(0, new SessionPeer(sd, out, x));
        INDArray[] ours = new INDArray[1];
        Runnable oursRun = () -> ours[0] = plan.output(x);

        // warm-up and timed runs, alternating: ours, ONNX Runtime, PyTorch, ours, ...
        for (int i = 0; i < o.warmup; i++) {
            Timing.once(oursRun);
            for (BackbonePeer p : peers) {
                Timing.collect();
                p.run();
            }
        }
        double[] oursMs = new double[o.runs];
        double[][] peerMs = new double[peers.size()][o.runs];
        for (int i = 0; i < o.runs; i++) {
            oursMs[i] = Timing.once(oursRun);
            for (int k = 0; k < peers.size(); k++) {
                Timing.collect();
                peerMs[k][i] = peers.get(k).run();
            }
        }

        double flops = 2.0 * Backbone.macs(cfg, size, size);
        float[] mine = ours[0].dup('c').data().asFloat();
        double scale = 0;
        for (float v : mine) {
            scale = Math.max(scale, Math.abs(v));
        }
        List<Measurement> result = new ArrayList<>();
        result.add(new Measurement(
                row,
                "peers",
                Workloads.OURS,
                threads,
                oursMs,
                flops,
                -1,
                size,
                oursNote + "; " + Backbone.INFERENCE_LAYOUT + "; max abs output " + fmt(scale)));
        List<float[]> outputs = new ArrayList<>();
        for (BackbonePeer p : peers) {
            outputs.add(p.output());
        }
        for (int k = 0; k < peers.size(); k++) {
            BackbonePeer p = peers.get(k);
            String diff = "max abs diff vs ours " + maxAbsDiff(mine, outputs.get(k));
            int first = peers.get(0) instanceof SessionPeer ? 1 : 0; // the first engine other than ours
            if (k > first) { // peer against peer: how far two independent engines differ on this net
                diff += ", vs " + peers.get(first).engine() + " " + maxAbsDiff(outputs.get(first), outputs.get(k));
            }
            long rss = p.peakRssKib();
            result.add(new Measurement(
                    row,
                    "peers",
                    p.engine(),
                    threads,
                    peerMs[k],
                    flops,
                    rss,
                    size,
                    diff + (rss < 0 ? "; same JVM as ours" : "; separate process")));
            p.close();
        }
        plan.close();
        result.addAll(failed);
        return result;
    }

    private void openOrt(Path onnx, String makeHint, String row, List<BackbonePeer> peers, List<Measurement> failed) {
        String engine = "ONNX Runtime";
        if (!Files.isRegularFile(onnx)) {
            failed.add(Measurement.failed(row, "peers", engine, threads, "missing " + onnx + ": " + makeHint));
            return;
        }
        try {
            Class<?> c = Class.forName(ORT_CLASS);
            peers.add((BackbonePeer) c.getConstructor(Path.class, int.class).newInstance(onnx, threads));
        } catch (ClassNotFoundException | LinkageError e) {
            failed.add(Measurement.failed(
                    row,
                    "peers",
                    engine,
                    threads,
                    "ONNX Runtime not on the classpath ("
                            + e.getClass().getSimpleName()
                            + "): build with the Maven profile peers, e.g. benchmarks/bench.sh "
                            + "--peers (fetches com.microsoft.onnxruntime:onnxruntime once)"));
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            failed.add(Measurement.failed(row, "peers", engine, threads, "cannot start: " + cause.getMessage()));
        }
    }

    private void openTorch(Path weights, String row, List<BackbonePeer> peers, List<Measurement> failed) {
        String engine = "PyTorch";
        if (!Files.isRegularFile(o.worker)) {
            failed.add(Measurement.failed(row, "peers", engine, threads, "missing " + o.worker));
            return;
        }
        try {
            peers.add(new TorchPeer(o.python, o.worker, weights, threads));
        } catch (IllegalStateException e) {
            failed.add(Measurement.failed(row, "peers", engine, threads, e.getMessage()));
        }
    }

    /** The same graph through SameDiff's inference session ({@code outputSingle}), as before the plan. */
    private static final class SessionPeer implements BackbonePeer {
        private final SameDiff sd;
        private final String out;
        private final INDArray x;
        private INDArray last;

        SessionPeer(SameDiff sd, String out, INDArray x) {
            this.sd = sd;
            this.out = out;
            this.x = x;
        }

        @Override
        public String engine() {
            return Workloads.OURS + ", SameDiff session";
        }

        @Override
        public void input(float[] nchw, int size) {
            // shares ours' input array
        }

        @Override
        public double run() {
            long t0 = System.nanoTime();
            last = sd.outputSingle(Map.of("image", x), out);
            return (System.nanoTime() - t0) / 1e6;
        }

        @Override
        public float[] output() {
            return last.dup('c').data().asFloat();
        }

        @Override
        public void close() {}
    }

    private static String maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            return "n/a (" + b.length + " values, not " + a.length + ")";
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return fmt(max);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
