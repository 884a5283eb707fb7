package org.ground4j.core.synth;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ground4j.core.data.weak.AnatomyHierarchy;

/**
 * The 29 anatomical regions that Chest ImaGenome annotates with boxes, under their exact ImaGenome names
 * ({@link #label()}), with the patient's side and the parent each one has in {@link AnatomyHierarchy}.
 *
 * <p>SynthCXR draws a box for every region on every phantom; weak labels name regions by {@link #label()}.
 */
public enum AnatomyRegion {
    RIGHT_LUNG("right lung", Side.RIGHT),
    RIGHT_UPPER_LUNG_ZONE("right upper lung zone", Side.RIGHT),
    RIGHT_MID_LUNG_ZONE("right mid lung zone", Side.RIGHT),
    RIGHT_LOWER_LUNG_ZONE("right lower lung zone", Side.RIGHT),
    RIGHT_HILAR_STRUCTURES("right hilar structures", Side.RIGHT),
    RIGHT_APICAL_ZONE("right apical zone", Side.RIGHT),
    RIGHT_COSTOPHRENIC_ANGLE("right costophrenic angle", Side.RIGHT),
    RIGHT_HEMIDIAPHRAGM("right hemidiaphragm", Side.RIGHT),
    LEFT_LUNG("left lung", Side.LEFT),
    LEFT_UPPER_LUNG_ZONE("left upper lung zone", Side.LEFT),
    LEFT_MID_LUNG_ZONE("left mid lung zone", Side.LEFT),
    LEFT_LOWER_LUNG_ZONE("left lower lung zone", Side.LEFT),
    LEFT_HILAR_STRUCTURES("left hilar structures", Side.LEFT),
    LEFT_APICAL_ZONE("left apical zone", Side.LEFT),
    LEFT_COSTOPHRENIC_ANGLE("left costophrenic angle", Side.LEFT),
    LEFT_HEMIDIAPHRAGM("left hemidiaphragm", Side.LEFT),
    TRACHEA("trachea", null),
    SPINE("spine", null),
    RIGHT_CLAVICLE("right clavicle", Side.RIGHT),
    LEFT_CLAVICLE("left clavicle", Side.LEFT),
    AORTIC_ARCH("aortic arch", null),
    MEDIASTINUM("mediastinum", null),
    UPPER_MEDIASTINUM("upper mediastinum", null),
    SVC("svc", null),
    CARDIAC_SILHOUETTE("cardiac silhouette", null),
    CAVOATRIAL_JUNCTION("cavoatrial junction", null),
    RIGHT_ATRIUM("right atrium", Side.RIGHT),
    CARINA("carina", null),
    ABDOMEN("abdomen", null);

    private static final Map<String, AnatomyRegion> BY_LABEL =
            Arrays.stream(values()).collect(Collectors.toMap(AnatomyRegion::label, Function.identity()));

    private final String label;
    private final Side side;

    AnatomyRegion(String label, Side side) {
        this.label = label;
        this.side = side;
    }

    /** The exact Chest ImaGenome {@code bbox_name}, e.g. {@code "right lower lung zone"}. */
    public String label() {
        return label;
    }

    /** The patient's side, or {@code null} for midline structures. */
    public Side side() {
        return side;
    }

    /**
     * The enclosing region in the ImaGenome hierarchy, or {@code null} for a top-level region. The hierarchy
     * itself lives in one place, {@link AnatomyHierarchy#IMAGENOME}.
     */
    public AnatomyRegion parent() {
        return AnatomyHierarchy.IMAGENOME
                .parent(label)
                .map(AnatomyRegion::ofLabel)
                .orElse(null);
    }

    /** The region with this exact ImaGenome name. */
    public static AnatomyRegion ofLabel(String label) {
        AnatomyRegion r = BY_LABEL.get(label);
        if (r == null) {
            throw new IllegalArgumentException("unknown Chest ImaGenome region \"" + label + "\"");
        }
        return r;
    }

    public static AnatomyRegion lung(Side side) {
        return side == Side.RIGHT ? RIGHT_LUNG : LEFT_LUNG;
    }

    /** "right upper lung zone" and its siblings. */
    public static AnatomyRegion zone(Side side, Zone zone) {
        return valueOf(side.name() + "_" + zone.name() + "_LUNG_ZONE");
    }

    public static AnatomyRegion apicalZone(Side side) {
        return side == Side.RIGHT ? RIGHT_APICAL_ZONE : LEFT_APICAL_ZONE;
    }

    public static AnatomyRegion costophrenicAngle(Side side) {
        return side == Side.RIGHT ? RIGHT_COSTOPHRENIC_ANGLE : LEFT_COSTOPHRENIC_ANGLE;
    }

    public static AnatomyRegion hilum(Side side) {
        return side == Side.RIGHT ? RIGHT_HILAR_STRUCTURES : LEFT_HILAR_STRUCTURES;
    }

    public static AnatomyRegion hemidiaphragm(Side side) {
        return side == Side.RIGHT ? RIGHT_HEMIDIAPHRAGM : LEFT_HEMIDIAPHRAGM;
    }

    public static AnatomyRegion clavicle(Side side) {
        return side == Side.RIGHT ? RIGHT_CLAVICLE : LEFT_CLAVICLE;
    }

    @Override
    public String toString() {
        return label;
    }
}
