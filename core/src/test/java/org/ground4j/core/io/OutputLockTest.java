package org.ground4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ground4j.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per output in this process; the cross-process case runs with real processes in the command-line tests. */
class OutputLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondWriterIsRefusedWithTheOutputAndTheHolderUntilTheFirstCloses() throws IOException {
        Path out = dir.resolve("grounded.jsonl");
        try (OutputLock first = OutputLock.acquire(out)) {
            assertThat(Files.readString(OutputLock.lockFile(out)).trim())
                    .isEqualTo(Long.toString(ProcessHandle.current().pid()));
            assertThatThrownBy(() -> OutputLock.acquire(out))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(out.toString())
                    .hasMessageContaining("another ground4j run is writing it")
                    .hasMessageContaining(Long.toString(ProcessHandle.current().pid()));
        }
        try (OutputLock again = OutputLock.acquire(out)) {
            assertThat(OutputLock.lockFile(out)).exists();
        }
        assertThat(Files.readString(OutputLock.lockFile(out)))
                .as("emptied when free")
                .isEmpty();
        assertThat(OutputLock.lockFile(out).getFileName().toString()).isEqualTo(".grounded.jsonl.lock");
    }

    @Test
    void anOutputThatIsAnInputIsRefusedAlsoThroughALinkOrAnotherSpelling() throws IOException {
        Path in = Files.writeString(dir.resolve("reports.jsonl"), "{}\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), in);
        Path spelled = dir.resolve("sub/../reports.jsonl");
        Files.createDirectories(dir.resolve("sub"));
        for (Path out : new Path[] {in, link, spelled}) {
            assertThatThrownBy(() -> OutputLock.acquire(out, in))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("is also the input");
        }
        assertThat(Files.readString(in)).isEqualTo("{}\n");
        try (OutputLock ok = OutputLock.acquire(dir.resolve("other.jsonl"), in, null)) {
            assertThat(ok).isNotNull();
        }
    }

    @Test
    void pathsThatDoNotExistYetCompareByRealFolderAndName() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), real);
        assertThat(OutputLock.sameFile(real.resolve("x.jsonl"), alias.resolve("x.jsonl")))
                .isTrue();
        assertThat(OutputLock.sameFile(real.resolve("x.jsonl"), real.resolve("y.jsonl")))
                .isFalse();
    }
}
