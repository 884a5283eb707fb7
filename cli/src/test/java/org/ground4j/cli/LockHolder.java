package org.ground4j.cli;

import java.nio.file.Path;
import org.ground4j.core.io.OutputLock;

/** A process that claims an output and holds it until it is killed: the "other writer" of the process tests. */
public final class LockHolder {

    private LockHolder() {}

    public static void main(String[] args) throws Exception {
        try (OutputLock lock = OutputLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
