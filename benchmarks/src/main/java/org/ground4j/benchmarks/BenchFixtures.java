package org.ground4j.benchmarks;

import static org.bytedeco.opencv.global.opencv_core.CV_16UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.ShortPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.ground4j.core.checkpoint.Checkpoint;
import org.ground4j.core.checkpoint.InferenceSettings;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.core.model.ModelInit;
import org.ground4j.core.text.TokenizerJson;
import org.ground4j.core.text.WordPieceTrainer;

/**
 * Inputs of the end-to-end measurements: report sentences, a tokenizer learnt from them, a synthetic 16-bit
 * radiograph-sized PNG, and an untrained checkpoint of any configuration. Nothing is downloaded; everything is
 * deterministic.
 *
 * <pre>{@code
 * byte[] png = BenchFixtures.png16(2500, 3000, 7);
 * Checkpoint ckpt = BenchFixtures.checkpoint(ModelConfig.paper());
 * String report = BenchFixtures.report(6);
 * }</pre>
 */
public final class BenchFixtures {

    /** Sixteen findings sentences of the length chest X-ray reports have (8-16 WordPiece tokens each). */
    public static final List<String> SENTENCES = List.of(
            "Small right pleural effusion.",
            "Mild cardiomegaly.",
            "Patchy opacity in the left lower lobe, concerning for pneumonia.",
            "No pneumothorax.",
            "Endotracheal tube terminates 4 cm above the carina.",
            "Degenerative changes of the thoracic spine.",
            "Right internal jugular catheter with tip in the superior vena cava.",
            "Blunting of the left costophrenic angle.",
            "Interstitial markings are increased bilaterally.",
            "Calcified granuloma in the right upper lobe.",
            "Elevation of the right hemidiaphragm.",
            "Atelectasis at the left lung base.",
            "Nodular opacity projecting over the right mid lung.",
            "Aortic knob calcification.",
            "Sternotomy wires are intact.",
            "Hilar prominence on the right.");

    private BenchFixtures() {}

    /** A report of the first {@code n} sentences (1..16), one paragraph. */
    public static String report(int n) {
        if (n < 1 || n > SENTENCES.size()) {
            throw new IllegalArgumentException("sentences per report must be 1.." + SENTENCES.size() + ", got " + n);
        }
        return String.join(" ", SENTENCES.subList(0, n));
    }

    /**
     * tokenizer.json of a WordPiece vocabulary learnt from {@link #SENTENCES}: large enough that every word is one
     * token, as with a real vocabulary, and smaller than any configuration's text vocabulary.
     */
    public static byte[] tokenizerJson() {
        List<String> corpus = new ArrayList<>(SENTENCES);
        return TokenizerJson.toJson(new WordPieceTrainer(2000).train(corpus)).getBytes(StandardCharsets.UTF_8);
    }

    /** An untrained checkpoint (seed 1) with the benchmark tokenizer and the paper's threshold and fusion IoU. */
    public static Checkpoint checkpoint(ModelConfig cfg) {
        return new Checkpoint(
                cfg,
                ModelInit.init(cfg, 1),
                tokenizerJson(),
                InferenceSettings.paper(),
                Map.of("purpose", "benchmark, untrained"),
                null,
                null);
    }

    /**
     * A grey 16-bit PNG of a radiograph's size: smooth anatomy-like shading plus noise, so that it compresses
     * about as badly as a real one (the decoder's cost depends on it).
     */
    public static byte[] png16(int width, int height, long seed) {
        short[] px = radiograph(width, height, seed);
        return encode(".png", width, height, mat -> new ShortPointer(mat.data()).put(px), CV_16UC1);
    }

    /** A PNG header declaring this size, an empty image stream and the end chunk: a decompression bomb's start. */
    public static byte[] pngDeclaring(int width, int height) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        out.writeBytes(pngChunk(
                "IHDR",
                java.nio.ByteBuffer.allocate(13)
                        .putInt(width)
                        .putInt(height)
                        .put((byte) 8)
                        .put(new byte[4])
                        .array()));
        out.writeBytes(pngChunk("IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}));
        out.writeBytes(pngChunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    private static byte[] pngChunk(String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(t);
        crc.update(data);
        return java.nio.ByteBuffer.allocate(12 + data.length)
                .putInt(data.length)
                .put(t)
                .put(data)
                .putInt((int) crc.getValue())
                .array();
    }

    /** The same picture as {@link #png16}, its top 8 bits, as a JPEG at quality 95. */
    public static byte[] jpeg8(int width, int height, long seed) {
        short[] px = radiograph(width, height, seed);
        byte[] b = new byte[px.length];
        for (int i = 0; i < px.length; i++) {
            b[i] = (byte) ((px[i] & 0xFFFF) >> 8);
        }
        return encode(
                ".jpg",
                width,
                height,
                mat -> new BytePointer(mat.data()).put(b),
                CV_8UC1,
                opencv_imgcodecs.IMWRITE_JPEG_QUALITY,
                95);
    }

    private static byte[] encode(
            String ext, int width, int height, java.util.function.Consumer<Mat> fill, int type, int... params) {
        try (Mat mat = new Mat(height, width, type);
                BytePointer buf = new BytePointer();
                org.bytedeco.javacpp.IntPointer p = new org.bytedeco.javacpp.IntPointer(params)) {
            fill.accept(mat);
            if (!opencv_imgcodecs.imencode(ext, mat, buf, p)) {
                throw new IllegalStateException("OpenCV could not encode a " + width + "x" + height + " " + ext);
            }
            byte[] out = new byte[(int) buf.limit()];
            buf.get(out);
            return out;
        }
    }

    /** Two dark lungs on a brighter body, with noise: 16-bit samples. */
    private static short[] radiograph(int width, int height, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        short[] px = new short[width * height];
        for (int y = 0; y < height; y++) {
            double fy = (double) y / height;
            for (int x = 0; x < width; x++) {
                double fx = (double) x / width;
                double lungs = Math.exp(-Math.pow((fx - 0.3) / 0.15, 2) - Math.pow((fy - 0.45) / 0.25, 2))
                        + Math.exp(-Math.pow((fx - 0.7) / 0.15, 2) - Math.pow((fy - 0.45) / 0.25, 2));
                double v = 9000 + 30000 * (1 - 0.6 * lungs) * (0.7 + 0.3 * fy) + rnd.nextInt(1200);
                px[y * width + x] = (short) Math.max(0, Math.min(65535, (int) v));
            }
        }
        return px;
    }
}
