package org.ground4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The facts a checkpoint carries so that its result can be reproduced: seed, data hash, code version. */
final class Provenance {

    private Provenance() {}

    static Map<String, String> of(TrainConfig cfg, String stage, Path train, Path val) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("stage", stage);
        p.put("seed", Long.toString(cfg.seed()));
        p.put("train_data", train.toString());
        p.put("train_data_sha256", sha256(train));
        p.put("val_data", val.toString());
        p.put("val_data_sha256", sha256(val));
        p.put("git_commit", gitCommit());
        p.put(
                "threads",
                System.getenv()
                        .getOrDefault(
                                "OMP_NUM_THREADS",
                                Integer.toString(Runtime.getRuntime().availableProcessors())));
        p.put("workers", Integer.toString(cfg.workers())); // parts per step: results depend on it as on threads
        String version = Provenance.class.getPackage().getImplementationVersion(); // from the jar's manifest
        p.put("ground4j_version", version == null ? "unknown" : version);
        return p;
    }

    static String sha256(Path f) {
        try {
            return org.ground4j.core.io.Hashing.sha256(f);
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /**
     * The commit of the code that runs: HEAD of the git checkout holding this class's jar or classes folder (a
     * linked worktree's too), else of the working directory; "unknown" outside a checkout. Read without running
     * git; uncommitted changes are not seen.
     */
    static String gitCommit() {
        try {
            Path code = Path.of(Provenance.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            String c = gitCommit(code);
            if (!c.equals("unknown")) {
                return c;
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // no code location (unusual class loader): fall back to the working directory
        }
        return gitCommit(Path.of("").toAbsolutePath());
    }

    /** HEAD of the checkout containing {@code start}: a {@code .git} folder, or a worktree's {@code .git} file. */
    static String gitCommit(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path dotGit = dir.resolve(".git");
            try {
                if (Files.isDirectory(dotGit)) {
                    return head(dotGit, dotGit);
                }
                if (Files.isRegularFile(dotGit)) { // linked worktree: "gitdir: /repo/.git/worktrees/NAME"
                    String line = Files.readString(dotGit).trim();
                    if (line.startsWith("gitdir: ")) {
                        Path gitDir = dir.resolve(line.substring(8).trim()).normalize();
                        Path common = Files.isRegularFile(gitDir.resolve("commondir"))
                                ? gitDir.resolve(Files.readString(gitDir.resolve("commondir"))
                                                .trim())
                                        .normalize()
                                : gitDir;
                        return head(gitDir, common);
                    }
                }
            } catch (IOException e) {
                return "unknown";
            }
        }
        return "unknown";
    }

    /** HEAD of {@code gitDir}, its branch resolved in {@code gitDir}, then {@code common} (loose, then packed). */
    private static String head(Path gitDir, Path common) throws IOException {
        String h = Files.readString(gitDir.resolve("HEAD")).trim();
        if (!h.startsWith("ref: ")) {
            return h;
        }
        String ref = h.substring(5).trim();
        for (Path d : new Path[] {gitDir, common}) {
            if (Files.isRegularFile(d.resolve(ref))) {
                return Files.readString(d.resolve(ref)).trim();
            }
        }
        Path packed = common.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed)) {
                if (line.endsWith(" " + ref)) {
                    return line.substring(0, line.indexOf(' '));
                }
            }
        }
        return ref;
    }
}
