package org.ground4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ground4j.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration tree's file form and its checks. */
class ModelConfigTest {

    @TempDir
    Path dir;

    @Test
    void querySelectionSurvivesTheFileAndIsOffWhenAbsent() throws Exception {
        ModelConfig on = QuerySelectionTest.config(5);
        Path f = dir.resolve("model.yaml");
        on.save(f);
        assertThat(Files.readString(f)).contains("query_selection: true");
        assertThat(ModelConfig.load(f)).isEqualTo(on);

        Files.writeString(f, Files.readString(f).replace("  query_selection: true\n", ""));
        assertThat(ModelConfig.load(f).transformer().querySelection()).isFalse();
        assertThat(ModelConfig.load(f)).isEqualTo(ModelConfig.tiny(30));
    }

    @Test
    void moreSelectedQueriesThanImageTokensIsAClearError() {
        assertThatThrownBy(() -> QuerySelectionTest.config(17))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transformer.queries (17)")
                .hasMessageContaining("16 image tokens");
        Path f = dir.resolve("bad.yaml");
        assertThatThrownBy(() -> {
                    QuerySelectionTest.config(16).save(f);
                    Files.writeString(f, Files.readString(f).replace("queries: 16", "queries: 17"));
                    ModelConfig.load(f);
                })
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("query_selection");
    }

    @Test
    void passthroughSurvivesTheFileIsOffWhenAbsentAndNamesItsStage() throws Exception {
        ModelConfig on = TrainingGraphTest.PASSTHROUGH;
        assertThat(on.passthroughLayer()).isEqualTo(2);
        // tiny: width 4, layer2 has 8 channels; 2 x 2 stride-8 cells per stride-16 token
        assertThat(on.passthroughChannels()).isEqualTo(8 * 4);
        ModelConfig four = new ModelConfig(on.backbone(), on.text(), on.transformer(), 64, 16, 4);
        assertThat(four.passthroughLayer()).isEqualTo(1);
        assertThat(four.passthroughChannels()).isEqualTo(4 * 16);
        Path f = dir.resolve("model.yaml");
        on.save(f);
        assertThat(Files.readString(f)).contains("passthrough: 8");
        assertThat(ModelConfig.load(f)).isEqualTo(on);
        Files.writeString(f, Files.readString(f).replace("passthrough: 8\n", ""));
        assertThat(ModelConfig.load(f).passthrough()).isZero();
        assertThat(ModelConfig.load(f)).isEqualTo(ModelConfig.tiny(30));
    }

    @Test
    void aPassthroughThatIsNoEarlierStageIsAClearError() {
        ModelConfig t = ModelConfig.tiny(30);
        for (int bad : new int[] {2, 6, 16, 32, -8}) {
            assertThatThrownBy(() -> new ModelConfig(t.backbone(), t.text(), t.transformer(), 64, 16, bad))
                    .as("passthrough %d", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("passthrough must be 0")
                    .hasMessageContaining("got " + bad);
        }
        Path f = dir.resolve("bad.yaml");
        assertThatThrownBy(() -> {
                    t.save(f);
                    Files.writeString(f, Files.readString(f) + "passthrough: 16\n");
                    ModelConfig.load(f);
                })
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("backbone stride 16");
    }
}
