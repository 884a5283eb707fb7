package org.ground4j.core.data.readers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.image.ImageHeaders;

/** Checks that a dataset's image exists and has a readable header; reports a problem otherwise. */
final class ImageCheck {

    private ImageCheck() {}

    /**
     * The image's size, or {@code null} after adding a {@link ReadProblem.Kind#MISSING_IMAGE} or
     * {@link ReadProblem.Kind#UNREADABLE_IMAGE} problem naming {@code source} and {@code record}.
     */
    static ImageHeaders.Size size(Path image, String source, String record, List<ReadProblem> problems) {
        if (!Files.isRegularFile(image)) {
            problems.add(new ReadProblem(
                    ReadProblem.Kind.MISSING_IMAGE, source, record, "image " + image + " does not exist"));
            return null;
        }
        try {
            return ImageHeaders.size(image);
        } catch (InvalidInputException e) {
            problems.add(new ReadProblem(ReadProblem.Kind.UNREADABLE_IMAGE, source, record, e.getMessage()));
            return null;
        }
    }
}
