package org.ground4j.core.data.readers;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.io.TextFiles;

/**
 * A small RFC 4180 CSV reader for the datasets' tables: comma-separated, fields optionally in double quotes
 * (which may hold commas, doubled quotes and line breaks), first row the header, a UTF-8 byte-order mark ignored.
 * A row with the wrong number of fields is returned as it is; the reader using it decides (and reports).
 */
final class Csv {

    /** One data row with the line it starts on. */
    record Row(int line, List<String> fields) {}

    private final Path file;
    private final List<String> header;
    private final Map<String, Integer> column = new HashMap<>();
    private final List<Row> rows;

    private Csv(Path file, List<String> header, List<Row> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
        for (int i = 0; i < header.size(); i++) {
            column.putIfAbsent(header.get(i).trim(), i);
        }
    }

    /** @throws InvalidInputException if the file is missing, unreadable, empty or has an unterminated quote */
    static Csv read(Path file) {
        try (BufferedReader r = TextFiles.reader(file)) {
            List<Row> records = new ArrayList<>();
            int[] line = {0};
            List<String> header = next(r, line, file);
            if (header == null) {
                throw new InvalidInputException(file + ": empty CSV file, expected a header row");
            }
            if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
                header.set(0, header.get(0).substring(1));
            }
            while (true) {
                int start = line[0] + 1;
                List<String> fields = next(r, line, file);
                if (fields == null) {
                    break;
                }
                if (!(fields.size() == 1 && fields.get(0).isEmpty())) {
                    records.add(new Row(start, fields));
                }
            }
            return new Csv(file, header, records);
        } catch (IOException e) {
            throw TextFiles.readError(file, "CSV", e);
        }
    }

    /** The next record's fields, or null at the end of the file. */
    private static List<String> next(BufferedReader r, int[] line, Path file) throws IOException {
        String text = r.readLine();
        if (text == null) {
            return null;
        }
        line[0]++;
        int startLine = line[0];
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (true) {
            if (i == text.length()) {
                if (!quoted) {
                    fields.add(field.toString());
                    return fields;
                }
                String more = r.readLine();
                if (more == null) {
                    throw new InvalidInputException(file + ":" + startLine + ": unterminated quoted field");
                }
                line[0]++;
                field.append('\n');
                text = more;
                i = 0;
                continue;
            }
            char c = text.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < text.length() && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
    }

    Path file() {
        return file;
    }

    List<String> header() {
        return header;
    }

    List<Row> rows() {
        return rows;
    }

    boolean has(String name) {
        return column.containsKey(name);
    }

    /** Index of a column, or -1. */
    int index(String name) {
        return column.getOrDefault(name, -1);
    }

    /** @throws InvalidInputException naming the missing columns and the header found */
    void require(String... names) {
        List<String> missing = new ArrayList<>();
        for (String n : names) {
            if (!has(n)) {
                missing.add(n);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(file + ": missing column(s) " + missing + "; header is " + header);
        }
    }

    /** The value of a column in a row, or null when the row is too short or the column absent. */
    String get(Row row, String name) {
        int i = index(name);
        return i < 0 || i >= row.fields().size() ? null : row.fields().get(i);
    }
}
