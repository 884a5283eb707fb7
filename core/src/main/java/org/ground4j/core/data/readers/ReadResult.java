package org.ground4j.core.data.readers;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a dataset reader produced: the records it could read, the problems it skipped (never silently), and notes
 * on what it detected about the data (coordinate convention, split information, image checks).
 *
 * @param records  samples, in file order
 * @param problems skipped records with file, record and reason
 * @param notes    one line each, for the user
 * @param <T>      {@code Sample} for expert data, {@code WeakSample} for weak labels
 */
public record ReadResult<T>(List<T> records, List<ReadProblem> problems, List<String> notes) {

    public ReadResult {
        records = List.copyOf(records);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /** Problems counted by kind, kinds in declaration order, zero counts left out. */
    public Map<ReadProblem.Kind, Integer> problemCounts() {
        Map<ReadProblem.Kind, Integer> counts = new EnumMap<>(ReadProblem.Kind.class);
        problems.forEach(p -> counts.merge(p.kind(), 1, Integer::sum));
        return counts;
    }
}
