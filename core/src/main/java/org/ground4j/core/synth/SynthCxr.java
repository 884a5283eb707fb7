package org.ground4j.core.synth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ground4j.core.data.Sample;
import org.ground4j.core.data.SampleJsonl;
import org.ground4j.core.data.weak.WeakJsonl;
import org.ground4j.core.data.weak.WeakSample;
import org.ground4j.core.io.AtomicFiles;
import org.ground4j.core.viz.LabelledBoxes;
import org.ground4j.core.viz.Overlay;

/**
 * SynthCXR (DESIGN.md section 7): writes synthetic chest radiographs with grounded English and Spanish report
 * sentences. An engineering benchmark, not a medical one: it shows that a pipeline learns to use both the
 * sentence and the image.
 *
 * <p>Output folder:
 * <ul>
 *   <li>{@code images/synth-NNNNNN.png}: 8- or 16-bit grayscale phantoms, 320-1024 pixels a side;</li>
 *   <li>{@code expert.jsonl}: one grounded sentence per line (DESIGN.md section 6), image paths relative to the
 *       folder, ids {@code synth-NNNNNN#k}, {@code category} and {@code lang} set;</li>
 *   <li>{@code weak.jsonl}: the same sentences with noisy anatomy-region boxes and a {@code "regions"} array
 *       naming the region of each box ({@link WeakJsonl}; no {@code "attributes"}, so a cleanup must read the
 *       sentences);</li>
 *   <li>{@code overlays/synth-NNNNNN.png} for the first {@link SynthConfig#overlays()} images, if asked.</li>
 * </ul>
 * Every file is written atomically, and the same samples and seed give byte-identical files on any number
 * of threads: each image is planned and rendered from its own random streams ({@link Seeds}).
 *
 * <pre>{@code
 * SynthSummary s = SynthCxr.generate(SynthConfig.of(1000, 7), Path.of("data/synth"));
 * System.out.print(s.format());
 * }</pre>
 */
public final class SynthCxr {

    /** The expert (grounded) samples. */
    public static final String EXPERT = "expert.jsonl";
    /** The weak (anatomy) samples. */
    public static final String WEAK = "weak.jsonl";

    private SynthCxr() {}

    /** One rendered image's samples and counts. */
    private record ImageResult(Scene scene, List<Sample> expert, List<WeakSample> weak) {}

    /** Generates the data set into {@code dir} (created if missing; files of the same names are replaced). */
    public static SynthSummary generate(SynthConfig config, Path dir) {
        long start = System.nanoTime();
        int[] counts = ScenePlanner.sentenceCounts(config.seed(), config.samples());
        ExecutorService pool = Executors.newFixedThreadPool(config.threads(), task -> {
            Thread t = new Thread(task, "synthcxr");
            t.setDaemon(true);
            return t;
        });
        List<ImageResult> results = new ArrayList<>(counts.length);
        try {
            List<Future<ImageResult>> futures = new ArrayList<>(counts.length);
            for (int i = 0; i < counts.length; i++) {
                int index = i;
                futures.add(pool.submit(() -> image(config, dir, index, counts[index])));
            }
            for (Future<ImageResult> f : futures) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating SynthCXR", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("SynthCXR image failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<Sample> expert = new ArrayList<>(config.samples());
        List<WeakSample> weak = new ArrayList<>(config.samples());
        for (ImageResult r : results) {
            expert.addAll(r.expert());
            weak.addAll(r.weak());
        }
        SampleJsonl.write(dir.resolve(EXPERT), expert);
        WeakJsonl.write(dir.resolve(WEAK), weak);
        return summarise(results, (System.nanoTime() - start) / 1e9);
    }

    private static ImageResult image(SynthConfig config, Path dir, int index, int sentences) {
        Scene scene = ScenePlanner.plan(config.seed(), index, sentences);
        GrayImage pixels = PhantomRenderer.render(scene, Seeds.random(config.seed(), index, Seeds.RENDER));
        String image = "images/" + scene.id() + ".png";
        byte[] png = PngCodec.encode(pixels);
        AtomicFiles.write(dir.resolve(image), out -> out.write(png));
        if (index < config.overlays()) {
            Overlay.writePng(
                    dir.resolve("overlays/" + scene.id() + ".png"),
                    Overlay.draw(pixels.toDisplayImage(), overlayItems(scene), config.overlaySide()));
        }
        List<WeakSample> weak = new ArrayList<>();
        for (int i = 0; i < scene.sentences().size(); i++) {
            PlannedSentence s = scene.sentences().get(i);
            weak.add(WeakSample.of(
                    new Sample(
                            scene.sampleId(i),
                            image,
                            s.text(),
                            s.weakRegions().stream().map(scene.anatomy()::box).toList(),
                            null,
                            s.category().label(),
                            s.lang()),
                    s.weakRegions().stream().map(AnatomyRegion::label).toList()));
        }
        return new ImageResult(scene, ScenePlanner.samples(scene, image), weak);
    }

    /** One legend entry per sentence, then one per distractor finding. */
    static List<LabelledBoxes> overlayItems(Scene scene) {
        List<LabelledBoxes> items = new ArrayList<>();
        for (PlannedSentence s : scene.sentences()) {
            items.add(LabelledBoxes.of(s.text(), s.boxes()));
        }
        for (Finding f : scene.distractors()) {
            items.add(LabelledBoxes.of("[distractor, in no sentence] " + f.describe(), List.of(f.box())));
        }
        return items;
    }

    private static SynthSummary summarise(List<ImageResult> results, double seconds) {
        int samples = 0, no = 0, single = 0, multi = 0, eight = 0, sixteen = 0, en = 0, es = 0, distractors = 0;
        int weakBoxes = 0, withParent = 0, negated = 0;
        Map<String, Integer> byCategory = new HashMap<>();
        for (ImageResult r : results) {
            if (r.scene().bitDepth() == 8) {
                eight++;
            } else {
                sixteen++;
            }
            distractors += r.scene().distractors().size();
            for (Sample s : r.expert()) {
                samples++;
                switch (s.group()) {
                    case NO -> no++;
                    case SINGLE -> single++;
                    case MULTI -> multi++;
                }
                if ("en".equals(s.lang())) {
                    en++;
                } else {
                    es++;
                }
                byCategory.merge(s.category(), 1, Integer::sum);
            }
            for (WeakSample w : r.weak()) {
                weakBoxes += w.regions().size();
                List<AnatomyRegion> regions =
                        w.regions().stream().map(AnatomyRegion::ofLabel).toList();
                if (regions.stream().anyMatch(x -> x.parent() != null && regions.contains(x.parent()))) {
                    withParent++;
                }
                if (Category.NEGATION.label().equals(w.sample().category()) && !regions.isEmpty()) {
                    negated++;
                }
            }
        }
        return new SynthSummary(
                results.size(),
                samples,
                no,
                single,
                multi,
                eight,
                sixteen,
                en,
                es,
                distractors,
                weakBoxes,
                withParent,
                negated,
                byCategory,
                seconds);
    }
}
