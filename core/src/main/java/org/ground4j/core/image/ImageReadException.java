package org.ground4j.core.image;

import org.ground4j.core.InvalidInputException;

/**
 * An image that cannot be read: missing, not a PNG, JPEG or DICOM file, damaged, cut short, compressed DICOM, or
 * (the subclass {@link ImageTooLargeException}) larger than the {@link ImageLimits}. The message names the image.
 *
 * <pre>{@code
 * try {
 *     grounder.groundReport(ImageInput.of(path), report);
 * } catch (ImageReadException e) {
 *     reject(path, e.getMessage());   // e.g. "cxr.png: truncated PNG (no IEND chunk ...)"
 * }
 * }</pre>
 */
public class ImageReadException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    public ImageReadException(String message) {
        super(message);
    }

    public ImageReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
