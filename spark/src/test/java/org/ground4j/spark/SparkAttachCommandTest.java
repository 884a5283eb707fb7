package org.ground4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ground4j spark-attach}: a summary line and exit 2 when rows were bad; one line and exit 2 on bad input. */
class SparkAttachCommandTest {

    @BeforeAll
    static void session() {
        Fixtures.spark(); // the command uses the session that is open rather than starting its own
    }

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = SparkAttachCommand.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    private String stderr() {
        return err.toString();
    }

    @Test
    void groundsTheGoodRowsAndExits2ForTheBadOnes() {
        Path in = Fixtures.reportsWithBadRows("cli-reports.jsonl");
        Path out = Fixtures.root().resolve("cli/grounded.jsonl");
        int status = run("--model", Fixtures.model().toString(), "--input", in.toString(), "--output", out.toString());
        assertThat(status).isEqualTo(2);
        assertThat(stderr())
                .matches("(?s)spark-attach: \\d+ grounded into \\S+/run-\\S+, 0 already in \\S+, 5 bad "
                        + "\\(listed in \\S+grounded.errors.jsonl\\)\\R");
        err.getBuffer().setLength(0);
        int again = run("--model", Fixtures.model().toString(), "--input", in.toString(), "--output", out.toString());
        assertThat(again).as("the bad rows are still bad").isEqualTo(2);
        assertThat(stderr()).matches("(?s)spark-attach: 0 grounded, \\d+ already in \\S+, 5 bad .*");
        assertThat(Fixtures.runs(out)).as("no empty run folder").hasSize(1);
    }

    @Test
    void aMissingInputIsOneLineAndExit2() {
        int status = run(
                "--model",
                Fixtures.model().toString(),
                "--input",
                "/nonexistent/reports.jsonl",
                "--output",
                Fixtures.root().resolve("cli/x").toString());
        assertThat(status).isEqualTo(2);
        assertThat(stderr())
                .isEqualTo("ground4j spark-attach: /nonexistent/reports.jsonl: no such file or folder"
                        + System.lineSeparator());
    }

    @Test
    void aMissingModelIsOneLineAndExit2() {
        Path in = Fixtures.reportsWithBadRows("cli-reports2.jsonl");
        int status = run(
                "--model",
                "/nonexistent/model",
                "--input",
                in.toString(),
                "--output",
                Fixtures.root().resolve("cli/y").toString());
        assertThat(status).isEqualTo(2);
        assertThat(stderr().lines()).hasSize(1);
        assertThat(stderr()).startsWith("ground4j spark-attach: /nonexistent/model: no such checkpoint directory");
    }

    @Test
    void badOptionsAreOneLineAndExit2() {
        assertThat(run("--model", "m", "--input", "i")).isEqualTo(2);
        assertThat(stderr().lines()).hasSize(1);
        assertThat(stderr()).contains("--output");
        StringWriter fresh = new StringWriter();
        CommandLine cl = SparkAttachCommand.commandLine();
        cl.setErr(new PrintWriter(fresh, true));
        assertThat(cl.execute("--model", "m", "--input", "i", "--output", "o", "--input-format", "csv"))
                .isEqualTo(2);
        assertThat(fresh.toString())
                .isEqualTo("ground4j spark-attach: unknown format \"csv\" (jsonl or parquet)" + System.lineSeparator());
    }
}
