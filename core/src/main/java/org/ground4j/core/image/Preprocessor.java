package org.ground4j.core.image;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.FloatBuffer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Turns a {@link UnitImage} into {@link ModelInput}, exactly as DESIGN.md section 2 says: the longer side resized
 * to the input size keeping the aspect ratio (OpenCV {@code INTER_AREA} when shrinking, {@code INTER_LINEAR} when
 * enlarging), the image at the top-left of a black square (zero padding at the bottom and right, added before
 * normalisation), grey repeated to three channels, each channel normalised by {@code (v - mean) / std}, and a mask
 * marking the padded pixels.
 *
 * <pre>{@code
 * Preprocessor pre = new Preprocessor(PreprocessConfig.DEFAULT);
 * ModelInput in = pre.apply(ImageLoader.DEFAULT.load(Path.of("cxr.png")));
 * Box modelBox = in.letterbox().toModel(goldBox);
 * }</pre>
 */
public final class Preprocessor {

    private final PreprocessConfig config;

    public Preprocessor(PreprocessConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    public PreprocessConfig config() {
        return config;
    }

    /** Resizes, pads and normalises one image. */
    public ModelInput apply(UnitImage image) {
        int s = config.size();
        Letterbox lb = Letterbox.of(image.width(), image.height(), s);
        UnitImage content = resized(image, lb);
        int cw = lb.contentWidth();
        int ch = lb.contentHeight();
        int channels = content.channels();
        float[] src = content.pixels();
        float[] out = new float[3 * s * s];
        boolean[] mask = new boolean[s * s];
        double[] mean = config.mean();
        double[] std = config.std();
        for (int c = 0; c < 3; c++) {
            int srcChannel = channels == 1 ? 0 : c;
            float m = (float) mean[c];
            float inv = (float) (1.0 / std[c]);
            float pad = config.paddingValue(c);
            int plane = c * s * s;
            for (int y = 0; y < s; y++) {
                int row = plane + y * s;
                for (int x = 0; x < s; x++) {
                    if (x < cw && y < ch) {
                        out[row + x] = (src[(y * cw + x) * channels + srcChannel] - m) * inv;
                    } else {
                        out[row + x] = pad;
                    }
                }
            }
        }
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                mask[y * s + x] = x >= cw || y >= ch;
            }
        }
        return new ModelInput(out, mask, lb);
    }

    /** The image resized to the letterbox's content size; the image itself when no resize is needed. */
    static UnitImage resized(UnitImage image, Letterbox lb) {
        int cw = lb.contentWidth();
        int ch = lb.contentHeight();
        if (cw == image.width() && ch == image.height()) {
            return image;
        }
        int c = image.channels();
        int interpolation = lb.shrinks() ? INTER_AREA : INTER_LINEAR;
        try (Mat src = new Mat(image.height(), image.width(), CV_32FC(c));
                Mat dst = new Mat();
                Size size = new Size(cw, ch)) {
            ((FloatBuffer) src.createBuffer()).put(image.pixels());
            resize(src, dst, size, 0, 0, interpolation);
            float[] out = new float[cw * ch * c];
            ((FloatBuffer) dst.createBuffer()).get(out);
            return new UnitImage(cw, ch, c, out);
        }
    }
}
