package org.ground4j.infer;

/**
 * What a {@link Grounder} has done since it was loaded: how often the image encoder ran, how many sentences
 * went through the grounding stage, in how many batches. A report of six sentences costs one image encoding and
 * one grounding batch.
 *
 * <pre>{@code
 * grounder.groundReport(image, report);
 * GrounderCounters c = grounder.counters();   // imagesEncoded 1, sentencesGrounded 6, groundingBatches 1
 * }</pre>
 *
 * @param imagesEncoded     image encoder passes (one per image)
 * @param sentencesGrounded sentences through text encoder, fusion and decoder
 * @param groundingBatches  calls of the grounding stage (each with one or more sentences of one image)
 */
public record GrounderCounters(long imagesEncoded, long sentencesGrounded, long groundingBatches) {}
