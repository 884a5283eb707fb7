package org.ground4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ground4j.core.data.SampleJsonl;
import org.ground4j.core.data.SampleStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ground4j data stats samples.jsonl}: no/single/multi counts and fractions, boxes, lengths, categories. */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = "Summarise JSON Lines samples: sentences with no, one and several boxes (counts and fractions), "
                + "boxes per sentence, sentence length, categories and languages.")
final class DataStatsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "samples.jsonl", description = "Samples to summarise.")
    Path samples;

    @Option(
            names = "--categories",
            defaultValue = "20",
            paramLabel = "N",
            description = "List at most N categories (default: ${DEFAULT-VALUE}).")
    int categories;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(SampleStats.of(SampleJsonl.read(samples)).toText(categories));
        stdout.flush();
        return 0;
    }
}
