package org.ground4j.core.data.readers;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** Copies a fixture dataset from the test resources into a temporary folder and adds images to it. */
final class Fixtures {

    private Fixtures() {}

    /** Copies {@code datasets/<name>} into {@code dir} and returns the copy's root. */
    static Path copy(String name, Path dir) {
        try {
            Path src = Path.of(Fixtures.class.getResource("/datasets/" + name).toURI());
            Path dst = dir.resolve(name);
            try (Stream<Path> walk = Files.walk(src)) {
                for (Path p : walk.toList()) {
                    Path target = dst.resolve(src.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
            return dst;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a 16-bit grey PNG of the given size (a smooth ramp), as PadChest-GR ships them. */
    static void png16(Path file, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.getRaster().setSample(x, y, 0, (x * 65535) / Math.max(1, width - 1));
            }
        }
        write(img, "png", file);
    }

    /** Writes an 8-bit grey JPEG of the given size, as MIMIC-CXR-JPG ships them. */
    static void jpeg(Path file, int width, int height) {
        write(new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY), "jpg", file);
    }

    private static void write(BufferedImage img, String format, Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(img, format, file.toFile())) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
