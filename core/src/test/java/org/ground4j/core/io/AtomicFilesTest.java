package org.ground4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void replacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("sub/out.txt");
        AtomicFiles.writeString(f, "first");
        AtomicFiles.writeString(f, "second");
        assertThat(Files.readString(f)).isEqualTo("second");
        try (var files = Files.list(f.getParent())) {
            assertThat(files).containsExactly(f);
        }
    }

    @Test
    void outputsAreReadableByOthersLikeAnyFileTheUserWrites() throws IOException {
        Path f = dir.resolve("shared.txt");
        AtomicFiles.writeString(f, "x");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void aFailingWriterKeepsTheOldContent() throws IOException {
        Path f = dir.resolve("out.txt");
        AtomicFiles.writeString(f, "good");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
                    out.write("half".getBytes());
                    throw new IOException("disk full");
                }))
                .hasMessageContaining("disk full")
                .hasMessageContaining("out.txt");
        assertThat(Files.readString(f)).isEqualTo("good");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
    }
}
