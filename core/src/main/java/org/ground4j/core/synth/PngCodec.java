package org.ground4j.core.synth;

import static org.bytedeco.opencv.global.opencv_core.CV_16UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.ShortPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Encodes a {@link GrayImage} as an 8- or 16-bit grayscale PNG in memory with OpenCV, so that the caller
 * writes the bytes atomically. Encoding is lossless and deterministic.
 */
final class PngCodec {

    private PngCodec() {}

    static byte[] encode(GrayImage image) {
        int type = image.bitDepth() == 8 ? CV_8UC1 : CV_16UC1;
        try (Mat mat = new Mat(image.height(), image.width(), type);
                BytePointer buf = new BytePointer()) {
            short[] px = image.pixels();
            if (image.bitDepth() == 8) {
                byte[] bytes = new byte[px.length];
                for (int i = 0; i < px.length; i++) {
                    bytes[i] = (byte) px[i];
                }
                mat.data().put(bytes);
            } else {
                new ShortPointer(mat.data()).put(px);
            }
            if (!opencv_imgcodecs.imencode(".png", mat, buf)) {
                throw new IllegalStateException("OpenCV could not encode a " + image.width() + "x" + image.height()
                        + " " + image.bitDepth() + "-bit PNG");
            }
            byte[] out = new byte[(int) buf.limit()];
            buf.get(out);
            return out;
        }
    }
}
