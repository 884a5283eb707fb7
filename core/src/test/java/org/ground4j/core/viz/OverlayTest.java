package org.ground4j.core.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.ground4j.core.geometry.Box;
import org.ground4j.core.geometry.ScoredBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlayTest {

    @TempDir
    Path tmp;

    private final BufferedImage gray = new BufferedImage(400, 200, BufferedImage.TYPE_USHORT_GRAY);

    @Test
    void drawsEachEntrysBoxesInItsOwnColourAndAddsALegendBelow() {
        List<LabelledBoxes> items = List.of(
                LabelledBoxes.of("Right lower zone opacity.", List.of(new Box(0.1, 0.5, 0.3, 0.9))),
                LabelledBoxes.scored("Bilateral effusions.", List.of(new ScoredBox(new Box(0.6, 0.5, 0.9, 0.9), 0.9))),
                LabelledBoxes.of("No pneumothorax.", List.of()));
        BufferedImage out = Overlay.draw(gray, items, 200);

        assertThat(out.getWidth()).isEqualTo(200);
        assertThat(out.getHeight()).isGreaterThan(100);
        assertThat(new Color(out.getRGB(20, 70))).isEqualTo(Overlay.colour(0));
        assertThat(new Color(out.getRGB(180, 70))).isEqualTo(Overlay.colour(1));
        assertThat(Overlay.colour(0)).isNotEqualTo(Overlay.colour(1));
    }

    @Test
    void keepsTheOriginalSizeWithoutEntriesAndRejectsANegativeSize() {
        BufferedImage out = Overlay.draw(gray, List.of(), 0);
        assertThat(out.getWidth()).isEqualTo(400);
        assertThat(out.getHeight()).isEqualTo(200);
        assertThatThrownBy(() -> Overlay.draw(gray, List.of(), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesAReadablePng() throws Exception {
        Path file = tmp.resolve("sub/overlay.png");
        Overlay.writePng(file, Overlay.draw(gray, List.of(LabelledBoxes.of("x", List.of(new Box(0, 0, 1, 1)))), 100));
        BufferedImage back = ImageIO.read(file.toFile());
        assertThat(back.getWidth()).isEqualTo(100);
    }

    @Test
    void scoresMustMatchBoxes() {
        assertThatThrownBy(() -> new LabelledBoxes("a", List.of(new Box(0, 0, 1, 1)), List.of()))
                .hasMessageContaining("1 boxes but 0 scores");
    }
}
