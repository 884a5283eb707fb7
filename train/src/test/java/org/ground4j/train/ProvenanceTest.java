package org.ground4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code's commit, read from a checkout's files the way git lays them out. */
class ProvenanceTest {

    @TempDir
    Path dir;

    private static final String A = "0123456789abcdef0123456789abcdef01234567";
    private static final String B = "89abcdef0123456789abcdef0123456789abcdef";

    @Test
    void aBranchIsResolvedLooseOrPacked() throws Exception {
        Path git = Files.createDirectories(dir.resolve("repo/.git/refs/heads"));
        Files.writeString(git.getParent().getParent().resolve("HEAD"), "ref: refs/heads/main\n");
        Path sub = Files.createDirectories(dir.resolve("repo/train/target/classes"));
        Files.writeString(dir.resolve("repo/.git/packed-refs"), "# pack-refs\n" + B + " refs/heads/main\n");
        assertThat(Provenance.gitCommit(sub)).isEqualTo(B);
        Files.writeString(git.resolve("main"), A + "\n"); // a loose ref wins over the packed one
        assertThat(Provenance.gitCommit(sub)).isEqualTo(A);
    }

    @Test
    void aLinkedWorktreeReadsItsOwnHead() throws Exception {
        Path wtGit = Files.createDirectories(dir.resolve("repo/.git/worktrees/wt"));
        Files.writeString(dir.resolve("repo/.git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(wtGit.resolve("HEAD"), B + "\n"); // detached
        Files.writeString(wtGit.resolve("commondir"), "../..\n");
        Path wt = Files.createDirectories(dir.resolve("wt/core"));
        Files.writeString(dir.resolve("wt/.git"), "gitdir: " + wtGit + "\n");
        assertThat(Provenance.gitCommit(wt)).isEqualTo(B);
    }

    @Test
    void outsideACheckoutItIsUnknown() throws Exception {
        assertThat(Provenance.gitCommit(Files.createDirectories(dir.resolve("plain/folder"))))
                .isEqualTo("unknown");
    }
}
