package org.ground4j.core.data.readers;

import java.nio.file.Path;
import org.ground4j.core.data.Sample;

/**
 * Image paths in written samples: the sample format (DESIGN.md section 6) reads a relative {@code image} against
 * the folder of the JSON Lines file, so readers produce absolute paths where they know the dataset's location and
 * {@link #relativeTo} rewrites them for the output file's folder.
 */
public final class ImagePaths {

    private ImagePaths() {}

    /** The sample with an absolute image path made relative to {@code dir}; other samples unchanged. */
    public static Sample relativeTo(Sample s, Path dir) {
        String image = s.image();
        if (image == null) {
            return s;
        }
        try {
            Path p = Path.of(image);
            if (!p.isAbsolute()) {
                return s;
            }
            String rel =
                    dir.toAbsolutePath().normalize().relativize(p.normalize()).toString();
            return new Sample(s.id(), rel, s.sentence(), s.boxes(), s.scores(), s.category(), s.lang());
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
