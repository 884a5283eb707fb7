package org.ground4j.core.text;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The bookkeeping of {@link WordPieceTrainer}: exact counts of adjacent token pairs over all word occurrences,
 * the words that may hold each pair (a superset: a word may have lost the pair to another merge), and the
 * pairs ordered best first (highest count, then smallest first id, then smallest second id). Changes are
 * collected by {@link #add} and take effect at {@link #flush}.
 */
final class PairCounts {

    /** Two adjacent token ids. */
    record Pair(int first, int second) {
        @Override
        public int hashCode() {
            int h = first * 0x9E3779B9 + second;
            return h ^ (h >>> 16);
        }
    }

    private record Candidate(long count, Pair pair) implements Comparable<Candidate> {
        @Override
        public int compareTo(Candidate o) {
            if (count != o.count) {
                return count > o.count ? -1 : 1;
            }
            if (pair.first != o.pair.first) {
                return Integer.compare(pair.first, o.pair.first);
            }
            return Integer.compare(pair.second, o.pair.second);
        }
    }

    private final Map<Pair, Long> count = new HashMap<>();
    private final Map<Pair, Set<Integer>> where = new HashMap<>();
    private final TreeSet<Candidate> queue = new TreeSet<>();
    private final Map<Pair, Long> pending = new HashMap<>();

    /** Adds (or, with a negative {@code times}, removes) the pairs of word {@code w} occurring {@code times} times. */
    void add(int[] word, long times, int w) {
        for (int i = 0; i + 1 < word.length; i++) {
            Pair p = new Pair(word[i], word[i + 1]);
            pending.merge(p, times, Long::sum);
            if (times > 0) {
                where.computeIfAbsent(p, x -> new HashSet<>()).add(w);
            }
        }
    }

    /** Applies the changes collected since the last flush. */
    void flush() {
        for (Map.Entry<Pair, Long> e : pending.entrySet()) {
            if (e.getValue() == 0) {
                continue;
            }
            Pair p = e.getKey();
            long before = count.getOrDefault(p, 0L);
            long after = before + e.getValue();
            if (before > 0) {
                queue.remove(new Candidate(before, p));
            }
            if (after > 0) {
                count.put(p, after);
                queue.add(new Candidate(after, p));
            } else {
                count.remove(p);
                where.remove(p);
            }
        }
        pending.clear();
    }

    /** The most frequent pair, or null when no pair is left. */
    Pair best() {
        return queue.isEmpty() ? null : queue.first().pair();
    }

    /** The words that may hold {@code p}, forgotten here: the caller merges {@code p} in all of them. */
    Set<Integer> takeHolders(Pair p) {
        Set<Integer> holders = where.remove(p);
        return holders == null ? Set.of() : holders;
    }
}
