package org.ground4j.core.synth;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one report sentence says about a phantom, before it is put into words. The gold boxes of a sentence are
 * the boxes of every finding on the image it {@link #describes}; a sentence may never sit on an image with a
 * finding it {@link #denies}. The planner keeps both true for every sentence of an image, including against
 * distractor findings that no sentence mentions.
 */
public sealed interface Statement
        permits Statement.Positive, Statement.Negation, Statement.Normal, Statement.Technique {

    /** The sample's category. */
    Category category();

    /** Whether {@code f} is one of the findings this sentence grounds to. */
    boolean describes(Finding f);

    /** Whether this sentence says that {@code f} is absent. */
    boolean denies(Finding f);

    /**
     * A finding is present: "Right lower zone opacity.", "Bilateral pleural effusions.".
     *
     * @param finding the finding category
     * @param side    the side named, or {@code null} when the sentence names none (bilateral when
     *                {@code several}, otherwise the only such finding on the image)
     * @param zone    the zone named, or {@code null}
     * @param several whether the sentence speaks of more than one (multiple, multifocal, bilateral)
     */
    record Positive(Category finding, Side side, Zone zone, boolean several) implements Statement {
        public Positive {
            Objects.requireNonNull(finding, "finding");
            if (!finding.isFinding()) {
                throw new IllegalArgumentException(finding + " is not a finding");
            }
        }

        @Override
        public Category category() {
            return finding;
        }

        @Override
        public boolean describes(Finding f) {
            return f.category().family() == finding.family()
                    && (side == null || f.side() == side)
                    && (zone == null || f.zone() == zone);
        }

        @Override
        public boolean denies(Finding f) {
            return false;
        }

        /** Whether the sentence speaks of both sides. */
        public boolean bilateral() {
            return several && side == null;
        }

        /** The region the sentence places a finding it describes in (the zone, else the lung, or the heart). */
        public AnatomyRegion namedRegion(Finding f) {
            if (finding == Category.CARDIOMEGALY) {
                return AnatomyRegion.CARDIAC_SILHOUETTE;
            }
            return zone != null ? AnatomyRegion.zone(f.side(), zone) : AnatomyRegion.lung(f.side());
        }
    }

    /**
     * Findings are absent: "No pneumothorax or pleural effusion.", "No left pleural effusion.".
     *
     * @param denied the negated findings, one or more
     * @param side   the side the negation is limited to, or {@code null}
     */
    record Negation(List<Category> denied, Side side) implements Statement {
        public Negation {
            denied = List.copyOf(denied);
            if (denied.isEmpty() || !denied.stream().allMatch(Category::isFinding)) {
                throw new IllegalArgumentException("a negation denies one or more findings, got " + denied);
            }
        }

        @Override
        public Category category() {
            return Category.NEGATION;
        }

        @Override
        public boolean describes(Finding f) {
            return false;
        }

        @Override
        public boolean denies(Finding f) {
            return denied.stream().anyMatch(c -> c.family() == f.category().family())
                    && (side == null || f.side() == side);
        }
    }

    /** Normal anatomy: "Normal heart size.", "The lungs are clear.". */
    record Normal(NormalTopic topic) implements Statement {
        @Override
        public Category category() {
            return Category.NORMAL;
        }

        @Override
        public boolean describes(Finding f) {
            return false;
        }

        @Override
        public boolean denies(Finding f) {
            return topic.denied().contains(f.category());
        }
    }

    /** Technique: "PA view.". */
    record Technique(TechniqueTopic topic) implements Statement {
        @Override
        public Category category() {
            return Category.TECHNIQUE;
        }

        @Override
        public boolean describes(Finding f) {
            return false;
        }

        @Override
        public boolean denies(Finding f) {
            return false;
        }
    }

    /** What a normal-anatomy sentence is about, and which findings it rules out. */
    enum NormalTopic {
        HEART_SIZE(EnumSet.of(Category.CARDIOMEGALY)),
        MEDIASTINUM(EnumSet.noneOf(Category.class)),
        HILA(EnumSet.noneOf(Category.class)),
        LUNGS_CLEAR(EnumSet.of(
                Category.OPACITY,
                Category.CONSOLIDATION,
                Category.NODULE,
                Category.ATELECTASIS,
                Category.PLEURAL_EFFUSION,
                Category.PNEUMOTHORAX)),
        COSTOPHRENIC_ANGLES(EnumSet.of(Category.PLEURAL_EFFUSION)),
        BONES(EnumSet.noneOf(Category.class));

        private final Set<Category> denied;

        NormalTopic(Set<Category> denied) {
            this.denied = denied;
        }

        /** Findings that may not be on an image with this sentence. */
        public Set<Category> denied() {
            return Collections.unmodifiableSet(denied);
        }
    }

    /** What a technique sentence states. */
    enum TechniqueTopic {
        PA,
        AP,
        PA_AND_LATERAL,
        INSPIRATION,
        COMPARISON
    }
}
