package org.ground4j.infer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One Grounder shared by four threads gives exactly what it gives one thread. */
class GrounderThreadSafetyTest {

    static final List<String> REPORTS = List.of(
            "Small left pleural effusion. No pneumothorax. Heart size is normal.",
            "HALLAZGOS: Derrame pleural bilateral. Sin neumotórax.\n- Nódulo de 1,5 cm en lóbulo superior derecho");

    @TempDir
    Path dir;

    @Test
    void fourThreadsGiveTheSameReportsAsOne() throws Exception {
        Path model = TinyCheckpoint.write(dir.resolve("model"), 0.0, 0.1);
        List<ImageInput> images = List.of(
                ImageInput.of(TinyCheckpoint.png(dir.resolve("a.png"), 80, 64, 1)),
                ImageInput.of(TinyCheckpoint.png(dir.resolve("b.png"), 48, 96, 2)));
        List<GroundedReport> expected = new ArrayList<>();
        try (Grounder one = Grounder.load(model)) {
            for (ImageInput image : images) {
                for (String report : REPORTS) {
                    expected.add(one.groundReport(image, report));
                }
            }
        }
        assertThat(expected.get(0)).isNotEqualTo(expected.get(2)); // the images matter

        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Grounder shared = Grounder.load(model)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<GroundedReport>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    GroundedReport[] got = new GroundedReport[expected.size()];
                    for (int k = 0; k < expected.size(); k++) {
                        int i = (k + offset) % expected.size(); // each thread in another order
                        got[i] = shared.groundReport(images.get(i / REPORTS.size()), REPORTS.get(i % REPORTS.size()));
                    }
                    return List.of(got);
                }));
            }
            start.countDown();
            for (Future<List<GroundedReport>> f : futures) {
                assertThat(f.get(5, TimeUnit.MINUTES)).containsExactlyElementsOf(expected);
            }
            assertThat(shared.counters().imagesEncoded()).isEqualTo((long) threads * expected.size());
        } finally {
            pool.shutdownNow();
        }
    }
}
