package org.ground4j.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ground4j.core.data.Sample;

/**
 * Gold samples paired with their predictions by {@code id}. A gold sample without a prediction is paired
 * with an empty one (no boxes) and listed in {@link #missingPredictions()}; a prediction whose id is not in
 * gold is left out and listed in {@link #unknownPredictions()}. Pairs are sorted by id, so that results do
 * not depend on the order of the lines in either file.
 *
 * <pre>{@code
 * JoinedSamples joined = JoinedSamples.of(gold, predictions);
 * for (JoinedSamples.Pair p : joined.pairs()) { ... p.gold().boxes() ... p.prediction().boxes() ... }
 * }</pre>
 *
 * @param pairs              one per gold sample, sorted by id
 * @param missingPredictions ids of gold samples that had no prediction, sorted
 * @param unknownPredictions ids of predictions not in gold, sorted
 */
public record JoinedSamples(List<Pair> pairs, List<String> missingPredictions, List<String> unknownPredictions) {

    /**
     * A gold sample and its prediction.
     *
     * @param gold       the gold sample: boxes G, category
     * @param prediction the predicted sample with the same id: boxes P and maybe scores
     */
    public record Pair(Sample gold, Sample prediction) {}

    public JoinedSamples {
        pairs = List.copyOf(pairs);
        missingPredictions = List.copyOf(missingPredictions);
        unknownPredictions = List.copyOf(unknownPredictions);
    }

    /** @throws IllegalArgumentException on a duplicate id within gold or within the predictions */
    public static JoinedSamples of(List<Sample> gold, List<Sample> predictions) {
        Map<String, Sample> byId = new HashMap<>(predictions.size() * 2);
        for (Sample p : predictions) {
            if (byId.putIfAbsent(p.id(), p) != null) {
                throw new IllegalArgumentException("duplicate prediction id \"" + p.id() + "\"");
            }
        }
        Set<String> goldIds = new HashSet<>(gold.size() * 2);
        List<Pair> pairs = new ArrayList<>(gold.size());
        List<String> missing = new ArrayList<>();
        for (Sample g : gold) {
            if (!goldIds.add(g.id())) {
                throw new IllegalArgumentException("duplicate gold id \"" + g.id() + "\"");
            }
            Sample p = byId.get(g.id());
            if (p == null) {
                missing.add(g.id());
                p = new Sample(g.id(), g.image(), g.sentence(), List.of(), null, null, null);
            }
            pairs.add(new Pair(g, p));
        }
        List<String> unknown = new ArrayList<>();
        for (Sample p : predictions) {
            if (!goldIds.contains(p.id())) {
                unknown.add(p.id());
            }
        }
        pairs.sort(Comparator.comparing(pair -> pair.gold().id()));
        missing.sort(null);
        unknown.sort(null);
        return new JoinedSamples(pairs, missing, unknown);
    }
}
