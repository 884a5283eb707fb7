package org.ground4j.core.data.weak;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The containment hierarchy of the 29 Chest ImaGenome regions that have boxes, as data in one place, and the
 * rule the weak-label cleanup applies with it: keep the most specific regions of a sentence (drop a region when
 * one of its descendants is also named).
 *
 * <p>The hierarchy (datasets.md): each lung contains its upper, mid and lower lung zones, its apical zone, its
 * hilar structures and its costophrenic angle; the mediastinum contains the upper mediastinum, aortic arch, svc,
 * cardiac silhouette, cavoatrial junction, right atrium, trachea and carina. The other regions (hemidiaphragms,
 * clavicles, spine, abdomen) stand alone.
 *
 * <pre>{@code
 * AnatomyHierarchy.IMAGENOME.mostSpecific(List.of("left lung", "left lower lung zone"));  // [left lower lung zone]
 * }</pre>
 */
public final class AnatomyHierarchy {

    /** Region -> its parent ({@code null} for a top-level region). The single source of the hierarchy. */
    private static final String[][] IMAGENOME_TABLE = {
        {"right lung", null},
        {"right upper lung zone", "right lung"},
        {"right mid lung zone", "right lung"},
        {"right lower lung zone", "right lung"},
        {"right hilar structures", "right lung"},
        {"right apical zone", "right lung"},
        {"right costophrenic angle", "right lung"},
        {"right hemidiaphragm", null},
        {"left lung", null},
        {"left upper lung zone", "left lung"},
        {"left mid lung zone", "left lung"},
        {"left lower lung zone", "left lung"},
        {"left hilar structures", "left lung"},
        {"left apical zone", "left lung"},
        {"left costophrenic angle", "left lung"},
        {"left hemidiaphragm", null},
        {"trachea", "mediastinum"},
        {"spine", null},
        {"right clavicle", null},
        {"left clavicle", null},
        {"aortic arch", "mediastinum"},
        {"mediastinum", null},
        {"upper mediastinum", "mediastinum"},
        {"svc", "mediastinum"},
        {"cardiac silhouette", "mediastinum"},
        {"cavoatrial junction", "mediastinum"},
        {"right atrium", "mediastinum"},
        {"carina", "mediastinum"},
        {"abdomen", null},
    };

    /** The Chest ImaGenome hierarchy. */
    public static final AnatomyHierarchy IMAGENOME = new AnatomyHierarchy(IMAGENOME_TABLE);

    private final Map<String, String> parent;

    private AnatomyHierarchy(String[][] table) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String[] row : table) {
            p.put(row[0], row[1]);
        }
        for (String[] row : table) {
            if (row[1] != null && !p.containsKey(row[1])) {
                throw new IllegalStateException("region \"" + row[0] + "\" has unknown parent \"" + row[1] + "\"");
            }
        }
        this.parent = Collections.unmodifiableMap(p);
    }

    /** All region names, in table order. */
    public Set<String> regions() {
        return parent.keySet();
    }

    public boolean isKnown(String region) {
        return parent.containsKey(region);
    }

    /** The enclosing region, empty for a top-level or unknown region. */
    public Optional<String> parent(String region) {
        return Optional.ofNullable(parent.get(region));
    }

    /** Whether {@code ancestor} strictly contains {@code region} (through any number of levels). */
    public boolean isAncestor(String ancestor, String region) {
        for (String p = parent.get(region); p != null; p = parent.get(p)) {
            if (p.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    /** The regions directly inside {@code region}, in table order. */
    public List<String> children(String region) {
        List<String> out = new ArrayList<>();
        parent.forEach((r, p) -> {
            if (region.equals(p)) {
                out.add(r);
            }
        });
        return out;
    }

    /**
     * The most specific of the given regions: duplicates removed and every region dropped that contains another
     * region of the list; order kept. Unknown names have no relatives and are kept.
     */
    public List<String> mostSpecific(List<String> regions) {
        Set<String> distinct = new LinkedHashSet<>(regions);
        List<String> out = new ArrayList<>();
        for (String r : distinct) {
            if (distinct.stream().noneMatch(other -> isAncestor(r, other))) {
                out.add(r);
            }
        }
        return out;
    }
}
