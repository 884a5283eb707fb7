package org.ground4j.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Summary figures of a set of samples: how many sentences have no, one or several boxes (the split that evaluation
 * reports by, and the paper's 41 / 46 / 13 % mix on PadChest-GR), boxes per sentence, sentence length in words,
 * box size, categories and languages.
 *
 * <pre>{@code
 * SampleStats stats = SampleStats.of(SampleJsonl.read(Path.of("samples.jsonl")));
 * System.out.print(stats.toText());
 * }</pre>
 *
 * @param samples       number of samples
 * @param images        number of distinct images
 * @param groups        samples per group (no / single / multi)
 * @param boxesHistogram samples per box count, the last bin counting {@code >= boxesHistogram.length - 1}
 * @param boxes         total number of boxes
 * @param maxBoxes      most boxes of one sample
 * @param meanBoxArea   mean area of a box as a fraction of the image (0 without boxes)
 * @param words         sentence length in words
 * @param categories    samples per category, most frequent first ({@code "(none)"} for samples without one)
 * @param languages     samples per language, most frequent first ({@code "(none)"} when unset)
 */
public record SampleStats(
        int samples,
        int images,
        Map<Sample.Group, Integer> groups,
        List<Integer> boxesHistogram,
        int boxes,
        int maxBoxes,
        double meanBoxArea,
        Lengths words,
        Map<String, Integer> categories,
        Map<String, Integer> languages) {

    /** Min, median, mean and max of a list of lengths (all 0 for no values). */
    public record Lengths(double min, double median, double mean, double max) {}

    /** Histogram bins 0, 1, 2, 3, 4, 5+. */
    private static final int BINS = 6;

    private static final String NONE = "(none)";

    public static SampleStats of(List<Sample> samples) {
        Map<Sample.Group, Integer> groups = new LinkedHashMap<>();
        for (Sample.Group g : Sample.Group.values()) {
            groups.put(g, 0);
        }
        int[] histogram = new int[BINS];
        int boxes = 0;
        int max = 0;
        double area = 0;
        Set<String> images = new HashSet<>();
        List<Integer> lengths = new ArrayList<>();
        Map<String, Integer> categories = new TreeMap<>();
        Map<String, Integer> languages = new TreeMap<>();
        for (Sample s : samples) {
            int n = s.boxes().size();
            groups.merge(s.group(), 1, Integer::sum);
            histogram[Math.min(n, BINS - 1)]++;
            boxes += n;
            max = Math.max(max, n);
            area += s.boxes().stream().mapToDouble(b -> b.area()).sum();
            images.add(s.image() == null ? NONE : s.image());
            String text = s.sentence() == null ? "" : s.sentence().strip();
            lengths.add(text.isEmpty() ? 0 : text.split("\\s+").length);
            categories.merge(s.category() == null ? NONE : s.category(), 1, Integer::sum);
            languages.merge(s.lang() == null ? NONE : s.lang(), 1, Integer::sum);
        }
        return new SampleStats(
                samples.size(),
                images.size(),
                groups,
                Arrays.stream(histogram).boxed().toList(),
                boxes,
                max,
                boxes == 0 ? 0 : area / boxes,
                summary(lengths),
                byCount(categories),
                byCount(languages));
    }

    private static Lengths summary(List<Integer> values) {
        if (values.isEmpty()) {
            return new Lengths(0, 0, 0, 0);
        }
        int[] v = values.stream().mapToInt(Integer::intValue).sorted().toArray();
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
        return new Lengths(v[0], median, Arrays.stream(v).average().orElse(0), v[v.length - 1]);
    }

    private static Map<String, Integer> byCount(Map<String, Integer> counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Fraction of samples in a group, 0 without samples. */
    public double fraction(Sample.Group g) {
        return samples == 0 ? 0 : (double) groups.get(g) / samples;
    }

    /** Mean boxes per sentence. */
    public double meanBoxes() {
        return samples == 0 ? 0 : (double) boxes / samples;
    }

    /** A readable report, at most {@code maxCategories} categories listed. */
    public String toText(int maxCategories) {
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        sb.append(String.format(Locale.ROOT, "samples        %d sentences on %d images%n", samples, images));
        for (Sample.Group g : Sample.Group.values()) {
            sb.append(String.format(Locale.ROOT, "  %-12s %7d  %5.1f %%%n", g.key(), groups.get(g), 100 * fraction(g)));
        }
        sb.append(String.format(
                Locale.ROOT,
                "boxes          %d, %.2f per sentence, at most %d; mean box area %.3f " + "of the image%n",
                boxes,
                meanBoxes(),
                maxBoxes,
                meanBoxArea));
        sb.append("boxes/sentence ");
        for (int i = 0; i < BINS; i++) {
            sb.append(i == BINS - 1 ? i + "+" : i)
                    .append(": ")
                    .append(boxesHistogram.get(i))
                    .append(i < BINS - 1 ? ", " : nl);
        }
        sb.append(String.format(
                Locale.ROOT,
                "words          min %.0f, median %.1f, mean %.1f, max %.0f%n",
                words.min(),
                words.median(),
                words.mean(),
                words.max()));
        sb.append("languages      ");
        sb.append(String.join(
                ", ",
                languages.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .toList()));
        sb.append(nl).append("categories     ").append(categories.size()).append(nl);
        categories.entrySet().stream()
                .limit(maxCategories)
                .forEach(e -> sb.append(String.format(
                        Locale.ROOT,
                        "  %-30s %7d  %5.1f %%%n",
                        e.getKey(),
                        e.getValue(),
                        100.0 * e.getValue() / samples)));
        if (categories.size() > maxCategories) {
            sb.append("  (")
                    .append(categories.size() - maxCategories)
                    .append(" more)")
                    .append(nl);
        }
        return sb.toString();
    }
}
