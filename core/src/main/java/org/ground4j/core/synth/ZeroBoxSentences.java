package org.ground4j.core.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses sentences without a box: negations ("No pneumothorax or pleural effusion.", "No left pleural
 * effusion."), normal anatomy ("Normal heart size.") and technique ("PA view."), never one that a finding on
 * the image contradicts or that repeats what the report already says.
 */
final class ZeroBoxSentences {

    private static final int ATTEMPTS = 30;

    private static final Category[] NEGATABLE = {
        Category.PLEURAL_EFFUSION,
        Category.PNEUMOTHORAX,
        Category.CONSOLIDATION,
        Category.OPACITY,
        Category.NODULE,
        Category.ATELECTASIS,
        Category.CARDIOMEGALY
    };
    private static final double[] NEGATABLE_WEIGHTS = {0.3, 0.3, 0.15, 0.05, 0.1, 0.05, 0.05};

    private ZeroBoxSentences() {}

    static Statement choose(ReportDraft d) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double u = d.random().nextDouble();
            Statement s = u < 0.55
                    ? negation(d)
                    : u < 0.8 ? new Statement.Normal(d.pick(Statement.NormalTopic.values())) : technique(d);
            if (s != null && !d.contradicts(s) && !d.repeats(s)) {
                return s;
            }
        }
        for (Statement.TechniqueTopic t : Statement.TechniqueTopic.values()) {
            Statement s = new Statement.Technique(t);
            if (!d.repeats(s)) {
                return s;
            }
        }
        throw new IllegalStateException(
                "no zero-box sentence left for a report of " + d.statements().size());
    }

    /** One to three negated findings, a single one sometimes limited to a side. */
    private static Statement negation(ReportDraft d) {
        int n = d.random().nextDouble() < 0.65 ? 1 : d.random().nextDouble() < 0.8 ? 2 : 3;
        List<Category> denied = new ArrayList<>();
        for (int attempt = 0; denied.size() < n && attempt < ATTEMPTS; attempt++) {
            Category c = NEGATABLE[d.weighted(NEGATABLE_WEIGHTS)];
            if (denied.stream().noneMatch(x -> x.family() == c.family())) {
                denied.add(c);
            }
        }
        boolean sided = denied.size() == 1
                && denied.get(0) != Category.CARDIOMEGALY
                && d.random().nextDouble() < 0.25;
        return new Statement.Negation(denied, sided ? d.randomSide() : null);
    }

    /** A technique sentence; null for a second one about the projection. */
    private static Statement technique(ReportDraft d) {
        Statement.TechniqueTopic t = d.pick(Statement.TechniqueTopic.values());
        boolean saidProjection =
                d.statements().stream().anyMatch(s -> s instanceof Statement.Technique tt && isProjection(tt.topic()));
        return isProjection(t) && saidProjection ? null : new Statement.Technique(t);
    }

    private static boolean isProjection(Statement.TechniqueTopic t) {
        return t == Statement.TechniqueTopic.PA
                || t == Statement.TechniqueTopic.AP
                || t == Statement.TechniqueTopic.PA_AND_LATERAL;
    }
}
