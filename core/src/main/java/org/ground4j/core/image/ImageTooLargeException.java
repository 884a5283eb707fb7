package org.ground4j.core.image;

import java.util.Locale;

/** An image whose declared size exceeds the {@link ImageLimits}; thrown before its pixels are decoded. */
public final class ImageTooLargeException extends ImageReadException {

    private static final long serialVersionUID = 1L;

    private final long width;
    private final long height;

    ImageTooLargeException(String name, long width, long height, ImageLimits limits) {
        super(String.format(
                Locale.ROOT,
                "%s: declares %d x %d pixels (%s), over the limit of %s and %d pixels a "
                        + "side; refused before decoding (raise the limit if the image is genuine)",
                name,
                width,
                height,
                count(width * height),
                count(limits.maxPixels()),
                limits.maxSide()));
        this.width = width;
        this.height = height;
    }

    private static String count(long pixels) {
        return pixels >= 1_000_000 ? String.format(Locale.ROOT, "%.1f megapixels", pixels / 1e6) : pixels + " pixels";
    }

    /** The width the image declares. */
    public long width() {
        return width;
    }

    /** The height the image declares. */
    public long height() {
        return height;
    }
}
