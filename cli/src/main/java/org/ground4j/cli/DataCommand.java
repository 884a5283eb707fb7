package org.ground4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ground4j data}: the parent of the data commands (convert, stats, clean-weak). */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "Read public datasets into JSON Lines samples, summarise samples, clean weak labels.",
        subcommands = {DataConvertCommand.class, DataStatsCommand.class, DataCleanWeakCommand.class})
final class DataCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code dir/name.jsonl} -> {@code dir/name<suffix>}: where a command puts a file beside its output. */
    static Path beside(Path out, String suffix) {
        String name = out.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return out.resolveSibling(stem + suffix);
    }
}
