package org.ground4j.core.synth;

import static org.ground4j.core.synth.AnatomySampler.between;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ground4j.core.data.Sample;

/**
 * Plans phantoms: image size, bit depth, language, anatomy, findings and report sentences, from a seed and an
 * image index alone. Sentence slots are drawn with the PadChest-GR mix ({@value #P_NO} zero-box,
 * {@value #P_SINGLE} one-box, the rest several boxes); positive sentences are planned first with their
 * findings, then zero-box sentences that the image does not contradict, then distractor findings that no
 * sentence describes or denies. Gold boxes of every sentence are therefore exactly the findings it describes.
 */
public final class ScenePlanner {

    static final double P_NO = 0.41;
    static final double P_SINGLE = 0.46;
    private static final int ATTEMPTS = 30;
    private static final int MIN_SENTENCES = 2;
    private static final int MAX_SENTENCES = 5;

    private static final Category[] DISTRACTOR = {
        Category.NODULE,
        Category.OPACITY,
        Category.CONSOLIDATION,
        Category.ATELECTASIS,
        Category.PLEURAL_EFFUSION,
        Category.PNEUMOTHORAX
    };
    private static final double[] DISTRACTOR_WEIGHTS = {0.3, 0.2, 0.15, 0.1, 0.15, 0.1};

    private ScenePlanner() {}

    /**
     * The number of sentences of each image of a run of {@code samples} sentences: 2-5 each, the last one cut
     * so that the total is exactly {@code samples}.
     */
    public static int[] sentenceCounts(long seed, int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("need at least one sample, got " + samples);
        }
        List<Integer> counts = new ArrayList<>();
        int total = 0;
        for (int i = 0; total < samples; i++) {
            int k = MIN_SENTENCES + Seeds.random(seed, i, Seeds.COUNT).nextInt(MAX_SENTENCES - MIN_SENTENCES + 1);
            k = Math.min(k, samples - total);
            counts.add(k);
            total += k;
        }
        return counts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Plans every image of a run of {@code samples} sentences, in order (no pixels are drawn). */
    public static List<Scene> planAll(long seed, int samples) {
        int[] counts = sentenceCounts(seed, samples);
        List<Scene> scenes = new ArrayList<>(counts.length);
        for (int i = 0; i < counts.length; i++) {
            scenes.add(plan(seed, i, counts[i]));
        }
        return scenes;
    }

    /** Plans image {@code index} of the run with seed {@code seed}, with {@code sentences} report sentences. */
    public static Scene plan(long seed, int index, int sentences) {
        Random r = Seeds.random(seed, index, Seeds.PLAN);
        int longSide = 448 + r.nextInt(1024 - 448 + 1);
        int shortSide = Math.max(320, (int) Math.round(longSide * between(r, 0.78, 1.0)));
        boolean portrait = r.nextDouble() < 0.6;
        int width = portrait ? shortSide : longSide, height = portrait ? longSide : shortSide;
        int bitDepth = r.nextBoolean() ? 8 : 16;
        Phrasebook book = Phrasebook.of(r.nextBoolean() ? "en" : "es");
        Anatomy anatomy = AnatomySampler.sample(r, width / (double) height, r.nextDouble() < 0.2);
        return build(new ReportDraft(anatomy, r), anatomy, index, width, height, bitDepth, book, sentences);
    }

    /** The JSON Lines samples of a scene; {@code image} is the path written to each sample. */
    public static List<Sample> samples(Scene scene, String image) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < scene.sentences().size(); i++) {
            PlannedSentence s = scene.sentences().get(i);
            out.add(new Sample(
                    scene.sampleId(i),
                    image,
                    s.text(),
                    s.boxes(),
                    null,
                    s.category().label(),
                    s.lang()));
        }
        return out;
    }

    private static Scene build(
            ReportDraft d,
            Anatomy anatomy,
            int index,
            int width,
            int height,
            int bitDepth,
            Phrasebook book,
            int count) {
        Random r = d.random();
        if (anatomy.heartEnlarged()) {
            d.addCardiomegaly();
        }
        Sample.Group[] slots = new Sample.Group[count];
        for (int i = 0; i < count; i++) {
            double u = r.nextDouble();
            slots[i] = u < P_NO ? Sample.Group.NO : u < P_NO + P_SINGLE ? Sample.Group.SINGLE : Sample.Group.MULTI;
        }
        Statement[] planned = new Statement[count];
        for (int i = 0; i < count; i++) {
            if (slots[i] != Sample.Group.NO) {
                planned[i] = PositiveSentences.choose(d, slots[i] == Sample.Group.MULTI)
                        .orElse(null);
                if (planned[i] != null) {
                    d.add(planned[i]);
                }
            }
        }
        for (int i = 0; i < count; i++) {
            if (planned[i] == null) {
                planned[i] = ZeroBoxSentences.choose(d);
                d.add(planned[i]);
            }
        }
        addDistractors(d);
        List<PlannedSentence> sentences = new ArrayList<>();
        for (Statement s : planned) {
            List<Finding> described = d.findings().stream().filter(s::describes).toList();
            sentences.add(new PlannedSentence(
                    s,
                    book.sentence(s, described, anatomy, r),
                    book.lang(),
                    described,
                    WeakLabeler.regions(s, described, r)));
        }
        return new Scene(index, width, height, bitDepth, anatomy, d.findings(), sentences);
    }

    /** 0-2 findings that no sentence describes or denies: the sentence, not the image alone, must decide. */
    private static void addDistractors(ReportDraft d) {
        double u = d.random().nextDouble();
        int n = u < 0.25 ? 0 : u < 0.7 ? 1 : 2;
        for (int i = 0; i < n; i++) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Category c = DISTRACTOR[d.weighted(DISTRACTOR_WEIGHTS)];
                Zone zone = c.placement() == Category.Placement.FREE ? d.randomZone() : null;
                if (d.addUnmentioned(new ReportDraft.Spot(c, d.randomSide(), zone))) {
                    break;
                }
            }
        }
    }
}
