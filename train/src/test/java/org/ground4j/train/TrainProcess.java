package org.ground4j.train;

import java.nio.file.Path;

/** {@code java ... TrainProcess run.yaml}: a training run in a process of its own, for the tests that kill one. */
public final class TrainProcess {

    private TrainProcess() {}

    public static void main(String[] args) {
        new Trainer(TrainConfig.load(Path.of(args[0])), TrainListener.printingTo(System.err)).run();
    }
}
