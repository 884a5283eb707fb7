package org.ground4j.infer;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.ground4j.core.InvalidInputException;

/** Image paths of JSON Lines files (DESIGN.md section 6): absolute, or relative to the folder of the file. */
public final class ImagePathResolver {

    private ImagePathResolver() {}

    /**
     * @param jsonl the file that names the image
     * @param image the image path as written there
     * @throws InvalidInputException when the text is not a path
     */
    public static Path resolve(Path jsonl, String image) {
        Path p;
        try {
            p = Path.of(image);
        } catch (InvalidPathException e) {
            throw new InvalidInputException("image path \"" + image + "\" is not a valid path: " + e.getReason());
        }
        if (p.isAbsolute()) {
            return p;
        }
        Path folder = jsonl.toAbsolutePath().getParent();
        return folder == null ? p : folder.resolve(p).normalize();
    }
}
