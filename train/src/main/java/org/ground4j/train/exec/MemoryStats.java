package org.ground4j.train.exec;

/**
 * What a {@link TrainingExecutor}'s arrays took.
 *
 * @param fixedBytes     parameters and constants the graph reads (weights, folded BatchNorm, the one-hot tables)
 * @param peakLiveBytes  most bytes of activations and transient gradients alive at once during a step
 * @param peakPoolBytes  most bytes the buffer pool held (live plus idle buffers kept for reuse)
 * @param poolBytes      bytes the pool holds now
 * @param allocations    native buffers allocated so far (constant once the shapes repeat)
 * @param recomputedOps  ops each step runs a second time for activation checkpointing
 */
public record MemoryStats(
        long fixedBytes, long peakLiveBytes, long peakPoolBytes, long poolBytes, long allocations, int recomputedOps) {}
