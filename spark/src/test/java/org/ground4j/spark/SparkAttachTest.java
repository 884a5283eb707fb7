package org.ground4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.io.OutputLock;
import org.ground4j.infer.Grounder;
import org.ground4j.infer.ProgressListener;
import org.ground4j.infer.ReportAttacher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Spark job against the local attach step on the same reports: the same rows, the same errors, no duplicate
 * after a retried task, nothing grounded twice on a rerun.
 */
class SparkAttachTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static SparkSession spark;
    static Path input;
    static List<String> attachLines;
    static List<String> attachErrors;

    @BeforeAll
    static void attachLocally() throws IOException {
        spark = Fixtures.spark();
        input = Fixtures.reportsWithBadRows("reports.jsonl");
        Path out = Fixtures.root().resolve("attach/grounded.jsonl");
        Files.createDirectories(out.getParent());
        try (Grounder g = Grounder.load(Fixtures.model())) {
            ReportAttacher.Summary s = ReportAttacher.run(g, input, out, f -> {}, ProgressListener.NONE);
            assertThat(s.failed()).isEqualTo(5);
        }
        attachLines = Files.readAllLines(out);
        attachErrors = Files.readAllLines(ReportAttacher.errorsFile(out));
        assertThat(attachLines).hasSizeGreaterThanOrEqualTo(5);
    }

    @AfterAll
    static void resetHook() {
        FailureInjection.THROWN.set(0);
    }

    static SparkAttach.Builder job(Path in, Path out) {
        return SparkAttach.builder(Fixtures.model().toString(), in.toString(), out.toString());
    }

    @Test
    void writesWhatAttachWritesRowForRowAndTheSameErrors() {
        Path out = Fixtures.root().resolve("equal/grounded.jsonl");
        SparkAttach.Summary s = job(input, out).build().run(spark);

        assertThat(s.written()).isEqualTo(attachLines.size());
        assertThat(s.skipped()).isZero();
        assertThat(s.failed()).isEqualTo(5);
        assertThat(Fixtures.runs(out)).hasSize(1);
        assertThat(Fixtures.partLines(Path.of(s.run().replaceFirst("^file:", ""))))
                .as("in input order")
                .containsExactlyElementsOf(attachLines);
        assertThat(Path.of(s.errors().replaceFirst("^file:", "")))
                .isEqualTo(Fixtures.root().resolve("equal/grounded.errors.jsonl"));
        assertThat(Fixtures.partLines(Fixtures.root().resolve("equal/grounded.errors.jsonl")))
                .containsExactlyElementsOf(attachErrors);
        assertThat(String.join("\n", attachErrors))
                .contains("missing.png: no such image file")
                .contains("empty report text")
                .contains("malformed JSON")
                .contains("no sentence to ground")
                .contains("duplicate id \\\"study-1\\\" (first on line 2)");
    }

    @Test
    void aRetriedTaskLeavesNeitherDuplicateNorPartialRows() throws IOException {
        Path out = Fixtures.root().resolve("retry/grounded.jsonl");
        int thrown = FailureInjection.THROWN.get();
        int loads = ExecutorGrounders.loads();
        // partition 1 (the bad rows, the last lines) dies while grounding its second row; partition 0 (the
        // SynthCXR studies) after handing its first row to the writer, which has it in the attempt's file
        SparkAttach.Summary s = job(input, out)
                .partitions(2)
                .failures(new FailureInjection(1, 0, 1))
                .build()
                .run(spark);

        assertThat(FailureInjection.THROWN.get() - thrown)
                .as("both injected failures happened")
                .isEqualTo(2);
        assertThat(s.written()).isEqualTo(attachLines.size());
        assertThat(Fixtures.allLines(out)).containsExactlyElementsOf(attachLines);
        try (Stream<Path> files = Files.list(Fixtures.runs(out).get(0))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")))
                    .as("only committed part files")
                    .allMatch(n -> n.startsWith("part-") || n.equals("_SUCCESS"));
        }
        assertThat(ExecutorGrounders.loads())
                .as("the model stays loaded in this JVM")
                .isEqualTo(loads);
    }

    @Test
    void aRerunSkipsFinishedIdsAndGroundsOnlyNewOnes() throws IOException {
        Path folder = Fixtures.root().resolve("rerun");
        Files.createDirectories(folder);
        Path in = Fixtures.synth().resolve("rerun.jsonl");
        List<String> reports = Fixtures.synthReports();
        Fixtures.write(in, reports.subList(0, 3));
        Path out = folder.resolve("grounded");
        // an earlier run died before its commit: its half-written folder must neither count nor stay
        Path dead = Files.createDirectories(out.resolve("run-20000101T000000Z-dead00"));
        Files.writeString(dead.resolve("part-00000-dead.txt"), reports.get(3) + "\n{\"id\": \"study-4\", \"ima");

        SparkAttach.Summary first = job(in, out).build().run(spark);
        assertThat(first.written()).isEqualTo(3);
        assertThat(dead).doesNotExist();

        SparkAttach.Summary again = job(in, out).build().run(spark);
        assertThat(again).isEqualTo(new SparkAttach.Summary(0, 3, 0, null, null));
        assertThat(Fixtures.runs(out)).hasSize(1);

        Fixtures.write(in, reports);
        SparkAttach.Summary more = job(in, out).build().run(spark);
        assertThat(more.written()).isEqualTo(reports.size() - 3);
        assertThat(more.skipped()).isEqualTo(3);
        List<String> all = Fixtures.allLines(out);
        assertThat(all).hasSize(reports.size());
        assertThat(all.stream().map(SparkAttachTest::id)).doesNotHaveDuplicates();
        assertThat(all).allMatch(attachLines::contains);
    }

    @Test
    void readsAFolderOfJsonLinesFilesWithImagesRelativeToIt() throws IOException {
        Path folder = Files.createDirectories(Fixtures.root().resolve("batches/reports"));
        List<String> reports = Fixtures.synthReports().stream()
                .map(l -> l.replace("\"image\": \"images/", "\"image\": \"../../synth/images/"))
                .toList();
        Fixtures.write(folder.resolve("a.jsonl"), reports.subList(0, 2));
        Fixtures.write(folder.resolve("b.jsonl"), reports.subList(2, reports.size()));
        Path out = Fixtures.root().resolve("batches/grounded");

        SparkAttach.Summary s = SparkAttach.builder(
                        Fixtures.model().toUri().toString(),
                        folder.toUri().toString(),
                        out.toUri().toString())
                .build()
                .run(spark);
        assertThat(s.failed()).isZero();
        List<String> expected = attachLines.stream()
                .filter(l -> id(l).startsWith("study-"))
                .map(l -> l.replace("\"image\":\"images/", "\"image\":\"../../synth/images/"))
                .toList();
        assertThat(Fixtures.allLines(out)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void readsAndWritesParquet() {
        StructType schema = new StructType()
                .add("id", DataTypes.StringType)
                .add("image", DataTypes.StringType)
                .add("report", DataTypes.StringType)
                .add("source", DataTypes.StringType);
        Path in = Fixtures.synth().resolve("reports.parquet");
        spark.createDataFrame(
                        Fixtures.synthReports().stream()
                                .map(SparkAttachTest::row)
                                .toList(),
                        schema)
                .coalesce(1)
                .write()
                .mode("overwrite")
                .parquet(in.toString());
        Path out = Fixtures.root().resolve("parquet/grounded.parquet");

        SparkAttach.Summary s = job(in, out).build().run(spark);
        assertThat(s.written()).isEqualTo(Fixtures.synthReports().size());
        assertThat(Path.of(s.errors().replaceFirst("^file:", "")))
                .isEqualTo(Fixtures.root().resolve("parquet/grounded.errors.jsonl"));

        Map<String, JsonNode> expected = new HashMap<>();
        for (String line : attachLines) {
            JsonNode n = parse(line);
            expected.put(n.get("id").asText(), n.get("sentences"));
        }
        List<Row> rows = spark.read()
                .parquet(out + "/run-*")
                .selectExpr("id", "to_json(sentences)", "source")
                .collectAsList();
        assertThat(rows).hasSize((int) s.written());
        for (Row r : rows) {
            assertThat(parse(r.getString(1))).as(r.getString(0)).isEqualTo(expected.get(r.getString(0)));
            assertThat(r.getString(2)).isEqualTo("synthcxr");
        }
        assertThat(spark.read().parquet(out + "/run-*").schema().fieldNames())
                .containsExactly("id", "image", "report", "source", "sentences");
    }

    @Test
    void refusesAnOutputFolderAnotherRunIsWritingAndAnOutputThatIsTheInput() {
        Path out = Fixtures.root().resolve("locked/out");
        try (OutputLock other = OutputLock.acquire(out)) {
            assertThatThrownBy(() -> job(input, out).build().run(spark))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("another ground4j run is writing it (process "
                            + ProcessHandle.current().pid());
        }
        assertThatThrownBy(() -> job(input, input).build().run(spark))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is also the input");
        assertThat(out).doesNotExist();
    }

    @Test
    void refusesAMissingInputOrCheckpoint() {
        Path out = Fixtures.root().resolve("refused/out");
        assertThatThrownBy(() -> job(Fixtures.root().resolve("nothing.jsonl"), out)
                        .build()
                        .run(spark))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nothing.jsonl: no such file");
        assertThatThrownBy(() -> SparkAttach.builder(
                                Fixtures.root().resolve("no-model").toString(), input.toString(), out.toString())
                        .build()
                        .run(spark))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no-model: no such checkpoint");
        assertThat(out).doesNotExist();
    }

    @Test
    void errorsGoBesideTheOutputAsAttachNamesThem() {
        assertThat(SparkAttach.errorsLocation("hdfs://nn/out/grounded.jsonl/"))
                .isEqualTo("hdfs://nn/out/grounded.errors.jsonl");
        assertThat(SparkAttach.errorsLocation("grounded")).isEqualTo("grounded.errors.jsonl");
        assertThat(SparkAttach.errorsLocation("/x/g.parquet")).isEqualTo("/x/g.errors.jsonl");
        assertThat(SparkAttach.automaticPartitions(200, 2)).isEqualTo(4);
        assertThat(SparkAttach.automaticPartitions(3, 2)).isEqualTo(3);
        assertThat(SparkAttach.automaticPartitions(1_000_000, 64)).isEqualTo(2000);
    }

    private static Row row(String line) {
        JsonNode n = parse(line);
        return org.apache.spark.sql.RowFactory.create(
                n.get("id").asText(),
                n.get("image").asText(),
                n.get("report").asText(),
                n.get("source").asText());
    }

    private static String id(String line) {
        return parse(line).get("id").asText();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
