package org.ground4j.core.image;

import static org.bytedeco.opencv.global.opencv_core.CV_16UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Encoded test images made with OpenCV, so tests need no binary fixtures. */
final class TestImages {

    private TestImages() {}

    /** A 16-bit grey PNG of the given row-major samples. */
    static byte[] png16(int w, int h, short[] samples) {
        try (Mat m = new Mat(h, w, CV_16UC1)) {
            ((ShortBuffer) m.createBuffer()).put(samples);
            return encode(".png", m);
        }
    }

    /** An 8-bit PNG with 1, 3 (BGR) or 4 (BGRA) interleaved channels. */
    static byte[] png8(int w, int h, int channels, byte[] samples) {
        return encode8(".png", w, h, channels, samples);
    }

    /** An 8-bit JPEG (lossy) with 1 or 3 (BGR) channels. */
    static byte[] jpeg(int w, int h, int channels, byte[] samples) {
        return encode8(".jpg", w, h, channels, samples);
    }

    private static byte[] encode8(String ext, int w, int h, int channels, byte[] samples) {
        try (Mat m = new Mat(h, w, CV_8UC(channels))) {
            ((ByteBuffer) m.createBuffer()).put(samples);
            return encode(ext, m);
        }
    }

    private static byte[] encode(String ext, Mat m) {
        try (BytePointer out = new BytePointer()) {
            if (!imencode(ext, m, out)) {
                throw new IllegalStateException("OpenCV could not encode " + ext);
            }
            byte[] bytes = new byte[(int) out.limit()];
            out.get(bytes);
            return bytes;
        }
    }

    /** A smooth 8-bit grey gradient, easy on JPEG. */
    static byte[] gradient(int w, int h) {
        byte[] b = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                b[y * w + x] = (byte) ((x * 255) / Math.max(1, w - 1));
            }
        }
        return b;
    }
}
