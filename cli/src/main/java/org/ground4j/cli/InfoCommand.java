package org.ground4j.cli;

import java.util.concurrent.Callable;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;

/** {@code ground4j info}: the ND4J backend, its native build and thread settings, for bug reports. */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = "Print the ND4J backend, native build, CPU features and threads in use.")
final class InfoCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        var env = Nd4j.getEnvironment();
        var exec = Nd4j.getExecutioner();
        System.out.println("backend        " + Nd4j.getBackend().getClass().getSimpleName());
        System.out.println("cpu backend    " + env.isCPU());
        System.out.println("max threads    " + env.maxThreads());
        exec.getEnvironmentInformation().forEach((k, v) -> System.out.printf("%-14s %s%n", k, v));
        System.out.println("cores          " + Runtime.getRuntime().availableProcessors());
        return 0;
    }
}
