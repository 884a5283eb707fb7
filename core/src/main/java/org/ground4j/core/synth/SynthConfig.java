package org.ground4j.core.synth;

import org.ground4j.core.InvalidInputException;

/**
 * What {@link SynthCxr#generate} makes. The files depend on {@code samples} and {@code seed} only; the thread
 * count changes nothing but the time taken.
 *
 * @param samples     number of sentences (samples) in total; images hold 2-5 each
 * @param seed        run seed
 * @param threads     images rendered in parallel
 * @param overlays    how many of the first images also get an overlay PNG with boxes and sentences drawn
 *                    ({@code overlays/}), 0 for none
 * @param overlaySide longer side of the overlay images in pixels
 */
public record SynthConfig(int samples, long seed, int threads, int overlays, int overlaySide) {

    /** @throws InvalidInputException on a count or size out of range */
    public SynthConfig {
        if (samples < 1) {
            throw new InvalidInputException("--n must be at least 1, got " + samples);
        }
        if (threads < 1) {
            throw new InvalidInputException("--threads must be at least 1, got " + threads);
        }
        if (overlays < 0) {
            throw new InvalidInputException("--overlays must be 0 or more, got " + overlays);
        }
        if (overlaySide < 64) {
            throw new InvalidInputException("--overlay-size must be at least 64 pixels, got " + overlaySide);
        }
    }

    /** {@code samples} sentences from {@code seed} on every available core, no overlays. */
    public static SynthConfig of(int samples, long seed) {
        return new SynthConfig(samples, seed, Runtime.getRuntime().availableProcessors(), 0, 512);
    }
}
