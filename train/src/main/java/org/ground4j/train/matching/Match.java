package org.ground4j.train.matching;

/**
 * The assignment of one sample: query {@code queries[i]} predicts target {@code targets[i]}; every other query
 * is unmatched ("no region of this sentence").
 *
 * @param queries query indices, ascending
 * @param targets the target matched to each of them
 */
public record Match(int[] queries, int[] targets) {

    /** @throws IllegalArgumentException when the two arrays differ in length */
    public Match {
        if (queries.length != targets.length) {
            throw new IllegalArgumentException(
                    "match has " + queries.length + " queries but " + targets.length + " targets");
        }
    }

    /** No target: every query is unmatched. */
    public static Match empty() {
        return new Match(new int[0], new int[0]);
    }

    public int size() {
        return queries.length;
    }
}
