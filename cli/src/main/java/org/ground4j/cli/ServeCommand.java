package org.ground4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ground4j.core.InvalidInputException;
import org.ground4j.infer.Grounder;
import org.ground4j.serve.GroundingService;
import org.ground4j.serve.ServeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ground4j serve}: the HTTP grounding service ({@link GroundingService}) until interrupted. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve a model over HTTP: POST /v1/ground (an image and a report or sentences, as multipart/form-data or "
                    + "JSON with a base64 image) answers the JSON of 'ground4j ground'; GET /v1/health, /v1/model, "
                    + "/metrics (Prometheus text).",
            "Listens on the loopback (127.0.0.1) unless --host says otherwise; Ctrl-C stops it.",
            "Exit status 2 when the model cannot be loaded or the port cannot be bound."
        })
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Checkpoint directory.")
    Path model;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            paramLabel = "ADDRESS",
            description =
                    "Address to bind (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every " + "interface).")
    String host;

    @Option(
            names = "--port",
            defaultValue = "8080",
            paramLabel = "PORT",
            description = "Port (default: ${DEFAULT-VALUE}; 0 for any free one, printed on stderr).")
    int port;

    @Option(
            names = "--max-body-bytes",
            defaultValue = "33554432",
            paramLabel = "N",
            description = "Largest request body, image included (default: ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(
            names = "--max-report-chars",
            defaultValue = "20000",
            paramLabel = "N",
            description = "Longest report text (default: ${DEFAULT-VALUE}).")
    int maxReportChars;

    @Option(
            names = "--max-sentences",
            defaultValue = "64",
            paramLabel = "N",
            description = "Most sentences in one request (default: ${DEFAULT-VALUE}).")
    int maxSentences;

    @Option(
            names = "--review",
            paramLabel = "GROUNDED.jsonl",
            description = "An attach output for the review page to step through, study by study; reviewed studies "
                    + "are saved to GROUNDED.reviewed.jsonl beside it, and the page resumes at the first one not yet "
                    + "reviewed.")
    Path review;

    @Mixin
    PostProcessingOptions post;

    @Override
    public Integer call() throws InterruptedException {
        ServeConfig cfg = new ServeConfig(host, port, maxBodyBytes, maxReportChars, maxSentences, review);
        Grounder grounder = Grounder.load(model, post.grounderOptions());
        GroundingService service;
        try {
            service = GroundingService.start(grounder, cfg);
        } catch (InvalidInputException e) {
            grounder.close();
            throw e; // the review file: its own message
        } catch (RuntimeException e) {
            grounder.close();
            throw new InvalidInputException(
                    host + ":" + port + ": cannot listen there (" + rootMessage(e)
                            + "); is another process using the port?",
                    e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            service.close();
                            grounder.close();
                            stopped.countDown();
                        },
                        "ground4j-serve-stop"));
        PrintWriter err = spec.commandLine().getErr();
        err.println(
                "ground4j serve: " + model + " on http://" + host + ":" + service.port() + "/v1/ground (Ctrl-C stops)");
        err.flush();
        stopped.await();
        return 0;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
