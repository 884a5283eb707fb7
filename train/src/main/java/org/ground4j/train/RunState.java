package org.ground4j.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Where a run is: stored in every resumable checkpoint ({@code train_state.json}) so that the same command
 * continues with the same data order after a crash.
 *
 * @param stage      weak or expert
 * @param epoch      current epoch (0-based)
 * @param batch      next batch of the epoch
 * @param step       optimiser steps taken in this stage
 * @param skipped    steps skipped for a non-finite loss, in this stage
 * @param bestMetric best validation metric of this stage so far (-1 before the first validation)
 * @param done       whether this stage finished
 */
public record RunState(
        @JsonProperty("stage") String stage,
        @JsonProperty("epoch") int epoch,
        @JsonProperty("batch") int batch,
        @JsonProperty("step") long step,
        @JsonProperty("skipped") long skipped,
        @JsonProperty("best_metric") double bestMetric,
        @JsonProperty("done") boolean done) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static RunState start(String stage) {
        return new RunState(stage, 0, 0, 0, 0, -1, false);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RunState fromJson(String json) {
        try {
            return JSON.readValue(json, RunState.class);
        } catch (IOException e) {
            throw new org.ground4j.core.InvalidInputException("unreadable train_state.json: " + e.getMessage());
        }
    }

    public RunState next(int newEpoch, int newBatch, long newStep, long newSkipped) {
        return new RunState(stage, newEpoch, newBatch, newStep, newSkipped, bestMetric, done);
    }

    public RunState withBest(double metric) {
        return new RunState(stage, epoch, batch, step, skipped, metric, done);
    }

    public RunState finished() {
        return new RunState(stage, epoch, batch, step, skipped, bestMetric, true);
    }
}
