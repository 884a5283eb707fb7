package org.ground4j.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.text.SentenceTokenizer;
import org.ground4j.train.BatchBuilder;
import org.ground4j.train.GroundingData;
import org.ground4j.train.PreparedBatch;

/**
 * Writes SynthCXR sample files as the model sees them, for the PyTorch reference trainer
 * ({@code benchmarks/learning/torch/ref_train.py}): every image letterboxed to the model input and stored as grey
 * bytes ({@code NAME.u8.gz}, one {@code size x size} plane per image, the images in file order), and one JSON line
 * per sentence with its image's index and content size, its token ids and its gold boxes in the model frame.
 * Both sides then train on identical inputs, so a gap between them is the code's, not the data's.
 *
 * <pre>{@code
 * java -cp ... org.ground4j.benchmarks.TorchExport out/learning/tokenizer.json 256 out/torchref/data \
 *     train-expert=out/learning/train/expert.jsonl val-expert=out/learning/val/expert.jsonl
 * }</pre>
 */
public final class TorchExport {

    private TorchExport() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: TorchExport TOKENIZER.json SIZE OUT_DIR NAME=SAMPLES.jsonl...");
            System.exit(2);
        }
        int size = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        try (SentenceTokenizer tok = new SentenceTokenizer(Path.of(args[0]), 48)) {
            BatchBuilder builder = new BatchBuilder(size, tok, null);
            for (int a = 3; a < args.length; a++) {
                String[] kv = args[a].split("=", 2);
                export(builder, size, GroundingData.load(Path.of(kv[1])), out, kv[0]);
                System.err.println("wrote " + out.resolve(kv[0] + ".u8.gz") + " and " + kv[0] + ".jsonl");
            }
        }
    }

    static void export(BatchBuilder builder, int size, GroundingData data, Path out, String name) throws IOException {
        try (OutputStream img = new BufferedOutputStream(
                        new GZIPOutputStream(Files.newOutputStream(out.resolve(name + ".u8.gz"))));
                PrintWriter meta = new PrintWriter(Files.newBufferedWriter(out.resolve(name + ".jsonl")))) {
            List<GroundingData.ImageGroup> groups = data.groups();
            for (int i = 0; i < groups.size(); i++) {
                PreparedBatch b = builder.build(List.of(groups.get(i)), 0);
                float[] px = b.images().pixels().data().asFloat();
                byte[] grey = new byte[size * size];
                for (int k = 0; k < grey.length; k++) { // channel 0 back to [0,255]: ImageNet red mean and std
                    grey[k] = (byte) Math.max(0, Math.min(255, Math.round((px[k] * 0.229f + 0.485f) * 255f)));
                }
                img.write(grey);
                for (int k = 0; k < b.imageIndex().length; k++) {
                    meta.println(line(i, b, k));
                }
            }
        }
    }

    private static String line(int image, PreparedBatch b, int k) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"img\":")
                .append(image)
                .append(",\"h\":")
                .append(b.images().contentHeights()[0])
                .append(",\"w\":")
                .append(b.images().contentWidths()[0])
                .append(",\"ids\":[");
        int[] ids = b.text().ids()[k], mask = b.text().attentionMask()[k];
        String sep = "";
        for (int t = 0; t < ids.length; t++) {
            if (mask[t] != 0) {
                sb.append(sep).append(ids[t]);
                sep = ",";
            }
        }
        sb.append("],\"boxes\":[");
        sep = "";
        for (Box box : b.targets().get(k)) {
            sb.append(sep)
                    .append(String.format(
                            Locale.ROOT, "[%.6f,%.6f,%.6f,%.6f]", box.x1(), box.y1(), box.x2(), box.y2()));
            sep = ",";
        }
        String category = b.samples().get(k).category();
        return sb.append("],\"category\":\"")
                .append(category == null ? "" : category)
                .append("\"}")
                .toString();
    }
}
