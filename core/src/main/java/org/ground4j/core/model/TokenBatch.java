package org.ground4j.core.model;

/**
 * Tokenised sentences, padded to one length: what the text encoder reads.
 *
 * @param ids           {@code [N][T]} token ids
 * @param attentionMask {@code [N][T]} 1 for real tokens, 0 for padding; every row has at least one 1
 */
public record TokenBatch(int[][] ids, int[][] attentionMask) {

    /** @throws IllegalArgumentException on ragged rows, mismatched shapes or a row with no real token */
    public TokenBatch {
        if (ids.length == 0 || ids.length != attentionMask.length) {
            throw new IllegalArgumentException("token batch needs the same number (>= 1) of id and mask rows, got "
                    + ids.length + " and " + attentionMask.length);
        }
        int t = ids[0].length;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].length != t || attentionMask[i].length != t) {
                throw new IllegalArgumentException("token batch row " + i + " is not padded to length " + t);
            }
            if (t == 0 || attentionMask[i][0] == 0) {
                throw new IllegalArgumentException("token batch row " + i + " has no real token");
            }
        }
    }

    public int size() {
        return ids.length;
    }

    public int length() {
        return ids[0].length;
    }
}
