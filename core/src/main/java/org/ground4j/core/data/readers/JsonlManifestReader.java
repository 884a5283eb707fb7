package org.ground4j.core.data.readers;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.data.Sample;
import org.ground4j.core.data.SampleJsonl;
import org.ground4j.core.io.TextFiles;

/**
 * Reads the project's own JSON Lines manifest (DESIGN.md section 6) the way the dataset readers read theirs: a
 * malformed line, a duplicate id or a missing or unreadable image is reported with file, line and reason, and
 * reading goes on. (For a strict reader that stops at the first error, use {@link SampleJsonl#read}.)
 * Relative image paths are resolved against the manifest's folder when images are checked; samples keep the
 * path as written.
 */
public final class JsonlManifestReader {

    private JsonlManifestReader() {}

    /** @param checkImages check that each sample's image exists and has a readable header */
    public static ReadResult<Sample> read(Path file, boolean checkImages) {
        List<Sample> samples = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        Map<String, ReadProblem> imageProblem = new HashMap<>();
        Path dir = file.toAbsolutePath().getParent();
        String name = file.toString();
        try (BufferedReader r = TextFiles.reader(file)) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank()) {
                    continue;
                }
                Sample s;
                try {
                    s = SampleJsonl.parse(line, name + ":" + no);
                } catch (InvalidInputException e) {
                    String where = name + ":" + no + ": ";
                    String reason = e.getMessage().startsWith(where)
                            ? e.getMessage().substring(where.length())
                            : e.getMessage();
                    problems.add(new ReadProblem(ReadProblem.Kind.MALFORMED_RECORD, name, "line " + no, reason));
                    continue;
                }
                Integer first = seen.putIfAbsent(s.id(), no);
                if (first != null) {
                    problems.add(new ReadProblem(
                            ReadProblem.Kind.DUPLICATE,
                            name,
                            "line " + no,
                            "id \"" + s.id() + "\" already on line " + first));
                    continue;
                }
                if (checkImages && !imageFine(s, dir, name, no, imageProblem, problems)) {
                    continue;
                }
                samples.add(s);
            }
        } catch (IOException e) {
            throw TextFiles.readError(file, "JSON Lines", e);
        }
        List<String> notes = List.of(checkImages ? "images: checked relative to " + dir : "images: not checked");
        return new ReadResult<>(samples, problems, notes);
    }

    /** Checks each distinct image once; a sample whose image was found unusable before gets the same problem. */
    private static boolean imageFine(
            Sample s,
            Path dir,
            String name,
            int no,
            Map<String, ReadProblem> imageProblem,
            List<ReadProblem> problems) {
        if (s.image() == null) {
            problems.add(new ReadProblem(ReadProblem.Kind.MISSING_IMAGE, name, "line " + no, "no \"image\" field"));
            return false;
        }
        if (imageProblem.containsKey(s.image())) {
            ReadProblem before = imageProblem.get(s.image());
            if (before != null) {
                problems.add(new ReadProblem(before.kind(), name, "line " + no, before.reason()));
            }
            return before == null;
        }
        int count = problems.size();
        boolean ok = ImageCheck.size(dir.resolve(s.image()), name, "line " + no, problems) != null;
        imageProblem.put(s.image(), ok ? null : problems.get(count));
        return ok;
    }
}
