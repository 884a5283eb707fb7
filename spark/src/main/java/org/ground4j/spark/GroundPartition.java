package org.ground4j.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.ground4j.core.InvalidInputException;
import org.ground4j.infer.GroundedReport;
import org.ground4j.infer.Grounder;
import org.ground4j.infer.ImageInput;
import org.ground4j.infer.ReportJson;

/**
 * The executor side of the job: grounds the rows of one partition, one report at a time (its image read from the
 * Hadoop file system and encoded once, all its sentences in one batch), with the JVM's shared grounder.
 *
 * <p>In: {@code (line, id, json, problem)}; out: {@code (line, id, ok, value)} where {@code value} is the input
 * object plus {@code "sentences"} when {@code ok}, else the error line {@code {"line", "id", "error"}}. A bad
 * row (a problem found while planning, an image that cannot be read, a report without a sentence) becomes an
 * error row; anything else (the checkpoint cannot be loaded, the model fails) fails the task, which Spark
 * retries.
 */
final class GroundPartition implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final ModelSpec model;
    private final String imageBase;
    private final HadoopConf conf;
    private final FailureInjection failures;

    /**
     * @param imageBase the folder relative image paths are resolved against (a qualified URI)
     * @param failures  a test hook, or {@code null}
     */
    GroundPartition(ModelSpec model, String imageBase, HadoopConf conf, FailureInjection failures) {
        this.model = model;
        this.imageBase = imageBase;
        this.conf = conf;
        this.failures = failures;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        Configuration hadoop = conf.get();
        Path base = new Path(imageBase);
        // rows are produced one at a time as the writer asks: a partition's results never sit in memory together
        return new Iterator<>() {
            private Grounder grounder;
            private int done;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                if (!rows.hasNext()) {
                    throw new NoSuchElementException();
                }
                if (failures != null) {
                    failures.grounding(done);
                }
                Row in = rows.next();
                long line = in.getLong(0);
                String id = in.isNullAt(1) ? null : in.getString(1);
                String problem = in.isNullAt(3) ? null : in.getString(3);
                Row out;
                if (problem != null) {
                    out = error(line, id, problem);
                } else {
                    if (grounder == null) {
                        grounder = ExecutorGrounders.get(model, hadoop);
                    }
                    out = ground(grounder, base, hadoop, line, id, in.getString(2));
                }
                done++;
                return out;
            }
        };
    }

    private static Row ground(Grounder grounder, Path base, Configuration hadoop, long line, String id, String json) {
        InputRows.Checked row = InputRows.check(json);
        if (row.problem() != null) { // planning checked it already; kept for safety if the input changed meanwhile
            return error(line, id, row.problem());
        }
        ObjectNode node = row.node();
        GroundedReport grounded;
        try {
            String image = node.get("image").asText();
            Path path = resolve(base, image);
            String name = displayName(path);
            grounded = grounder.groundReport(
                    ImageInput.of(read(path, hadoop, name), name),
                    node.get("report").asText());
        } catch (InvalidInputException e) {
            return error(line, id, e.getMessage());
        }
        node.set("sentences", ReportJson.sentences(grounded));
        return RowFactory.create(line, id, true, InputRows.write(node));
    }

    private static Row error(long line, String id, String problem) {
        return RowFactory.create(line, id, false, InputRows.errorLine(line, id, problem));
    }

    /** Absolute paths and URIs as they are; relative paths against the input's folder, as attach does. */
    static Path resolve(Path base, String image) {
        try {
            return new Path(base, image);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("image path \"" + image + "\" is not a valid path: " + e.getMessage());
        }
    }

    /** A local file by its plain path (as attach names it in messages), anything else by its URI. */
    static String displayName(Path path) {
        return "file".equals(path.toUri().getScheme()) ? path.toUri().getPath() : path.toString();
    }

    private static byte[] read(Path path, Configuration hadoop, String name) {
        try (InputStream in = path.getFileSystem(hadoop).open(path)) {
            return in.readAllBytes();
        } catch (FileNotFoundException e) {
            throw new InvalidInputException(name + ": no such image file");
        } catch (IOException e) {
            throw new InvalidInputException(name + ": cannot read image: " + e.getMessage(), e);
        }
    }
}
