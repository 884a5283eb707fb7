package org.ground4j.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.ground4j.core.InvalidInputException;

/**
 * Reads a JSON Lines file strictly: blank lines skipped, each other line parsed with its {@code file:line}
 * location, and a repeated id an {@link InvalidInputException} naming both lines. Shared by the sample formats.
 */
public final class StrictJsonLines {

    private StrictJsonLines() {}

    /**
     * @param parse parses one line; its second argument is {@code "file:line"} for error messages
     * @param id    the id of a parsed record (unique within the file)
     */
    public static <T> List<T> read(Path file, BiFunction<String, String, T> parse, Function<T, String> id) {
        List<T> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        try (BufferedReader r = TextFiles.reader(file)) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank()) {
                    continue;
                }
                T record = parse.apply(line, file + ":" + no);
                Integer first = seen.putIfAbsent(id.apply(record), no);
                if (first != null) {
                    throw new InvalidInputException(file + ":" + no + ": duplicate id \"" + id.apply(record)
                            + "\" (first on line " + first + ")");
                }
                out.add(record);
            }
        } catch (IOException e) {
            throw TextFiles.readError(file, "JSON Lines", e);
        }
        return out;
    }
}
