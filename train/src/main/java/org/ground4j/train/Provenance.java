package org.ground4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The facts a checkpoint carries so that its result can be reproduced: seed, data hash, code version. */
final class Provenance {

    private Provenance() {
    }

    static Map<String, String> of(TrainConfig cfg, String stage, Path train, Path val) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("stage", stage);
        p.put("seed", Long.toString(cfg.seed()));
        p.put("train_data", train.toString());
        p.put("train_data_sha256", sha256(train));
        p.put("val_data", val.toString());
        p.put("val_data_sha256", sha256(val));
        p.put("git_commit", gitCommit());
        p.put("threads", System.getenv().getOrDefault("OMP_NUM_THREADS", Integer.toString(
                Runtime.getRuntime().availableProcessors())));
        p.put("ground4j_version", String.valueOf(Provenance.class.getPackage().getImplementationVersion()));
        return p;
    }

    static String sha256(Path f) {
        try {
            return org.ground4j.core.io.Hashing.sha256(f);
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /** HEAD of the git checkout in the working directory or above, without running git. */
    static String gitCommit() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path head = dir.resolve(".git/HEAD");
            if (Files.isRegularFile(head)) {
                try {
                    String h = Files.readString(head).trim();
                    if (h.startsWith("ref: ")) {
                        Path ref = dir.resolve(".git").resolve(h.substring(5));
                        return Files.isRegularFile(ref) ? Files.readString(ref).trim() : h.substring(5);
                    }
                    return h;
                } catch (IOException e) {
                    return "unknown";
                }
            }
            dir = dir.getParent();
        }
        return "unknown";
    }
}
