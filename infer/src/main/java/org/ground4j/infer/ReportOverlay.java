package org.ground4j.infer;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.image.ImageLoader;
import org.ground4j.core.image.UnitImage;
import org.ground4j.core.io.OutputLock;
import org.ground4j.core.viz.LabelledBoxes;
import org.ground4j.core.viz.Overlay;

/**
 * Draws a grounded report on its image with {@link Overlay}: each sentence's boxes in the sentence's own colour,
 * tagged with its number and score, and a legend listing every sentence (zero-box sentences as "no box").
 *
 * <pre>{@code
 * GroundedReport r = grounder.groundReport(image, report);
 * ReportOverlay.write(Path.of("overlay.png"), image, r, ReportOverlay.DEFAULT_SIDE);
 * }</pre>
 */
public final class ReportOverlay {

    /** Longer side of the drawn image, in pixels, unless asked otherwise. */
    public static final int DEFAULT_SIDE = 1024;

    private ReportOverlay() {}

    /**
     * @param maxSide the longer side of the drawing (the legend is added below), or 0 for the image's own size
     */
    public static BufferedImage draw(UnitImage image, GroundedReport report, int maxSide) {
        List<LabelledBoxes> items = new ArrayList<>();
        for (GroundedSentence s : report.sentences()) {
            items.add(LabelledBoxes.scored(s.text(), s.boxes()));
        }
        return Overlay.draw(toBufferedImage(image), items, maxSide);
    }

    /**
     * Decodes the image again, draws the report on it and writes a PNG atomically.
     *
     * @throws InvalidInputException when {@code png} is the image file itself
     */
    public static void write(Path png, ImageInput image, GroundedReport report, int maxSide) {
        if (image instanceof ImageInput.FromFile f && OutputLock.sameFile(png, f.file())) {
            throw new InvalidInputException(png + ": is also the input image; give an overlay path that is not an "
                    + "input (inputs are never overwritten)");
        }
        Overlay.writePng(png, draw(image.decode(ImageLoader.DEFAULT), report, maxSide));
    }

    /** An 8-bit grey or RGB image of the [0,1] values. */
    static BufferedImage toBufferedImage(UnitImage image) {
        int w = image.width(), h = image.height(), c = image.channels();
        int type = c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR;
        BufferedImage out = new BufferedImage(w, h, type);
        WritableRaster raster = out.getRaster();
        float[] px = image.pixels();
        int[] samples = new int[px.length];
        for (int i = 0; i < px.length; i++) {
            samples[i] = Math.round(Math.max(0f, Math.min(1f, px[i])) * 255f);
        }
        raster.setPixels(0, 0, w, h, samples);
        return out;
    }
}
