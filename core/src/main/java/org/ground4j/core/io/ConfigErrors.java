package org.ground4j.core.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import java.util.List;
import java.util.Locale;

/**
 * One line that says what is wrong in a YAML or JSON configuration file, for {@code InvalidInputException}s.
 *
 * <p>Jackson's own message quotes up to 500 characters of the file's source over several lines; a command line
 * prints errors as one line, so this keeps Jackson's original message and adds the field path and the line and
 * column instead: {@code field dropout (line 20, column 10): Cannot deserialize value of type `double` from
 * String "abc": not a valid `double` value (as String to convert)}. A check in a record's constructor (an
 * {@link IllegalArgumentException} that Jackson wraps) is given by its own message, which names the field.
 *
 * <pre>{@code
 * try {
 *     return YAML.readValue(bytes, MyConfig.class);
 * } catch (IOException | IllegalArgumentException e) {
 *     throw new InvalidInputException(file + ": invalid configuration: " + ConfigErrors.describe(e), e);
 * }
 * }</pre>
 */
public final class ConfigErrors {

    private ConfigErrors() {}

    /** The problem in one line (never null, never containing a line break). */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message;
        if (root instanceof JsonProcessingException j) { // a type mismatch, an unknown field, bad syntax
            message = where(j) + j.getOriginalMessage();
        } else if (root.getMessage() != null) { // a constructor's check, wrapped by Jackson: it names the field
            message = root.getMessage();
        } else if (e instanceof JsonProcessingException j) {
            message = where(j) + j.getOriginalMessage();
        } else {
            message = root.getClass().getSimpleName();
        }
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** "field a.b[0] (line 3, column 7): ", or as much of it as Jackson knows. */
    private static String where(JsonProcessingException j) {
        StringBuilder s = new StringBuilder();
        if (j instanceof JsonMappingException m) {
            String path = path(m.getPath());
            if (!path.isEmpty()) {
                s.append("field ").append(path);
            }
        }
        JsonLocation loc = j.getLocation();
        // for an unknown field the YAML parser has already skipped its value, so the location would mislead
        if (loc != null && loc.getLineNr() > 0 && !(j instanceof PropertyBindingException)) {
            s.append(s.length() > 0 ? " " : "")
                    .append(String.format(Locale.ROOT, "(line %d, column %d)", loc.getLineNr(), loc.getColumnNr()));
        }
        return s.length() > 0 ? s + ": " : "";
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                s.append(s.length() > 0 ? "." : "").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        return s.toString();
    }
}
