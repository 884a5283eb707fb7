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
        assertThatThrownBy(() -> QuerySelectionTest.config(17)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transformer.queries (17)").hasMessageContaining("16 image tokens");
        Path f = dir.resolve("bad.yaml");
        assertThatThrownBy(() -> {
            QuerySelectionTest.config(16).save(f);
            Files.writeString(f, Files.readString(f).replace("queries: 16", "queries: 17"));
            ModelConfig.load(f);
        }).isInstanceOf(InvalidInputException.class).hasMessageContaining(f.toString())
                .hasMessageContaining("query_selection");
    }
}
