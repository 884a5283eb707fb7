package org.ground4j.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.ground4j.core.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ground4j} command line. Thin: each subcommand parses its arguments and calls the public API.
 * Exit status 0 on success, 2 on bad input (one line on stderr naming the input and the problem),
 * 1 on an internal error (the stack trace only with {@code GROUND4J_DEBUG=1}).
 */
@Command(
        name = "ground4j",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Ground the sentences of chest X-ray reports to boxes on the image.",
        subcommands = {
            CommandLine.HelpCommand.class,
            InfoCommand.class,
            ImportCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            CompareCommand.class,
            SynthCommand.class,
            VocabCommand.class,
            DataCommand.class,
            GroundCommand.class,
            AttachCommand.class,
            ServeCommand.class,
            TuneCommand.class
        })
public final class Main implements Runnable {

    /** Exit status for bad input: usage errors, unreadable or malformed files. */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit status (for tests and embedding). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, with ground4j's error handling. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::onError);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("ground4j: " + ex.getMessage() + " (see '"
                    + ex.getCommandLine().getCommandName() + " --help')");
            return EXIT_BAD_INPUT;
        });
        return cl;
    }

    private static int onError(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (ex instanceof InvalidInputException
                || ex instanceof UncheckedIOException
                || ex instanceof IllegalArgumentException) {
            err.println("ground4j " + cl.getCommandName() + ": " + ex.getMessage());
            debugTrace(ex, err);
            return EXIT_BAD_INPUT;
        }
        err.println("ground4j " + cl.getCommandName() + ": internal error: " + ex
                + " (set GROUND4J_DEBUG=1 for the stack trace)");
        debugTrace(ex, err);
        return 1;
    }

    private static void debugTrace(Exception ex, PrintWriter err) {
        if ("1".equals(System.getenv("GROUND4J_DEBUG"))) {
            ex.printStackTrace(err);
        }
    }

    /** Version from the jar manifest when packaged. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ground4j " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
