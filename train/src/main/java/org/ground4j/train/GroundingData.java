package org.ground4j.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.data.Sample;
import org.ground4j.core.data.SampleJsonl;

/**
 * A training or validation set: samples of a JSONL file grouped by image, so that a step encodes each image
 * once for all of its sentences. Image paths are resolved against the file's folder.
 *
 * @param source the JSONL file
 * @param groups images in order of first appearance
 */
public record GroundingData(Path source, List<ImageGroup> groups) {

    /** One image and its sentences. */
    public record ImageGroup(Path image, List<Sample> samples) {}

    /** Loads and groups; an empty file is an error. */
    public static GroundingData load(Path jsonl) {
        List<Sample> samples = SampleJsonl.read(jsonl);
        if (samples.isEmpty()) {
            throw new InvalidInputException(jsonl + ": no samples");
        }
        Path dir = jsonl.toAbsolutePath().getParent();
        Map<Path, List<Sample>> byImage = new LinkedHashMap<>();
        for (Sample s : samples) {
            if (s.image() == null) {
                throw new InvalidInputException(jsonl + ": sample " + s.id() + " has no image");
            }
            byImage.computeIfAbsent(dir.resolve(s.image()).normalize(), k -> new ArrayList<>())
                    .add(s);
        }
        List<ImageGroup> groups = new ArrayList<>();
        byImage.forEach((k, v) -> groups.add(new ImageGroup(k, List.copyOf(v))));
        return new GroundingData(jsonl, List.copyOf(groups));
    }

    /** All samples, in file order of their images. */
    public List<Sample> samples() {
        List<Sample> out = new ArrayList<>();
        groups.forEach(g -> out.addAll(g.samples()));
        return out;
    }

    /** The first images holding at most {@code limit} samples (all when {@code limit <= 0}). */
    public GroundingData limit(int limit) {
        if (limit <= 0) {
            return this;
        }
        List<ImageGroup> out = new ArrayList<>();
        int n = 0;
        for (ImageGroup g : groups) {
            if (n + g.samples().size() > limit && !out.isEmpty()) {
                break;
            }
            out.add(g);
            n += g.samples().size();
        }
        return new GroundingData(source, out);
    }
}
