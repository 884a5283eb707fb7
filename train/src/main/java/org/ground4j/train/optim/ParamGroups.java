package org.ground4j.train.optim;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Learning rates per parameter group (DESIGN.md section 3): the backbone, the text encoder and the rest
 * (projections, transformer, heads), with a step drop: every rate is multiplied by {@code gamma} once
 * the epoch reaches {@code dropEpoch} (DETR's {@code lr_drop}).
 *
 * @param backbone  rate of {@code backbone.*}
 * @param text      rate of {@code text_encoder.*}
 * @param rest      rate of everything else
 * @param dropEpoch first epoch (0-based) at the dropped rate; {@code <= 0} for no drop
 * @param gamma     factor of the drop
 */
public record ParamGroups(
        @JsonProperty("backbone") double backbone,
        @JsonProperty("text") double text,
        @JsonProperty("rest") double rest,
        @JsonProperty("drop_epoch") int dropEpoch,
        @JsonProperty("gamma") double gamma) {

    /** @throws IllegalArgumentException on a negative rate or a gamma outside (0,1] */
    public ParamGroups {
        if (backbone < 0 || text < 0 || rest < 0) {
            throw new IllegalArgumentException(
                    "learning rates must be >= 0, got " + backbone + ", " + text + ", " + rest);
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("lr gamma must lie in (0,1], got " + gamma);
        }
    }

    /** MDETR's: backbone 1e-5, text encoder 5e-5, rest 1e-4, no drop. */
    public static ParamGroups mdetr() {
        return new ParamGroups(1e-5, 5e-5, 1e-4, 0, 0.1);
    }

    /** The rate of a parameter at an epoch. */
    public double lr(String name, int epoch) {
        double base = name.startsWith("backbone.") ? backbone : name.startsWith("text_encoder.") ? text : rest;
        return dropEpoch > 0 && epoch >= dropEpoch ? base * gamma : base;
    }

    /** Which group a parameter belongs to ({@code backbone}, {@code text}, {@code rest}). */
    public static String group(String name) {
        return name.startsWith("backbone.") ? "backbone" : name.startsWith("text_encoder.") ? "text" : "rest";
    }
}
