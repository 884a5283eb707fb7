package org.ground4j.core.synth;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * A grayscale image as it is written to PNG: 8 or 16 bits per pixel, row-major, values in
 * {@code [0, maxValue]} stored as unsigned shorts. A 16-bit image may use only part of its range (a 12-bit
 * detector writes at most 4095), as real radiographs do.
 *
 * @param width    pixels
 * @param height   pixels
 * @param bitDepth 8 or 16
 * @param maxValue the brightest value the image may hold: 255 for 8 bits, 4095 to 65535 for 16 bits
 * @param pixels   {@code [height * width]} unsigned values
 */
public record GrayImage(int width, int height, int bitDepth, int maxValue, short[] pixels) {

    public GrayImage {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (bitDepth != 8 && bitDepth != 16) {
            throw new IllegalArgumentException("bit depth must be 8 or 16, got " + bitDepth);
        }
        if (maxValue < 1 || maxValue > (1 << bitDepth) - 1) {
            throw new IllegalArgumentException("max value " + maxValue + " does not fit " + bitDepth + " bits");
        }
        if (pixels.length != width * height) {
            throw new IllegalArgumentException(
                    "expected " + width * height + " pixels for " + width + "x" + height + ", got " + pixels.length);
        }
    }

    /** The unsigned value at (x, y). */
    public int value(int x, int y) {
        return pixels[y * width + x] & 0xFFFF;
    }

    /** An 8-bit copy for display, {@code maxValue} mapped to white. */
    public BufferedImage toDisplayImage() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            data[i] = (byte) Math.round((pixels[i] & 0xFFFF) * 255.0 / maxValue);
        }
        return out;
    }
}
