package org.ground4j.core.data.readers;

/**
 * Something a dataset reader skipped, and why: the file, the record within it, and the reason. Readers collect
 * these instead of stopping, so one bad record never costs the rest of the file.
 *
 * @param kind   what went wrong, for counting
 * @param file   the file that holds the record (or the image that is missing)
 * @param record which record: {@code "line 17"}, {@code "ImageID abc.png, finding 3"}, {@code "row 12"}
 * @param reason what was expected and what was found
 */
public record ReadProblem(Kind kind, String file, String record, String reason) {

    /** Kinds of problems, for the counts of a report. */
    public enum Kind {
        MISSING_IMAGE("missing image"),
        UNREADABLE_IMAGE("unreadable image"),
        NO_IMAGE_SIZE("image size unknown"),
        MALFORMED_FILE("malformed file"),
        MALFORMED_RECORD("malformed record"),
        BAD_BOX("bad box"),
        DUPLICATE("duplicate record"),
        NO_SPLIT("no split information");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    @Override
    public String toString() {
        return file + ": " + record + ": " + reason;
    }
}
