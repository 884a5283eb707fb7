package org.ground4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigErrorsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    record Inner(@JsonProperty("rate") double rate) {
        Inner {
            if (rate < 0) {
                throw new IllegalArgumentException("rate must be >= 0, got " + rate);
            }
        }
    }

    record Outer(
            @JsonProperty("name") String name,
            @JsonProperty("inner") Inner inner,
            @JsonProperty("sizes") List<Integer> sizes) {}

    private static String describe(String yaml) {
        Throwable t = catchThrowable(() -> YAML.readValue(yaml, Outer.class));
        assertThat(t).as("the YAML should not read: %s", yaml).isNotNull();
        String d = ConfigErrors.describe(t);
        assertThat(d).doesNotContain("\n").doesNotContain("\r").doesNotContain("Source:");
        return d;
    }

    @Test
    void aWrongTypeGivesTheFieldPathLineAndColumn() {
        assertThat(describe("name: a\ninner:\n  rate: fast\n"))
                .startsWith("field inner.rate (line 3, column 9): Cannot deserialize value of type `double`")
                .contains("\"fast\"");
    }

    @Test
    void aListElementIsNamedByItsIndex() {
        assertThat(describe("sizes: [1, 2, x]\n")).startsWith("field sizes[2] (line 1, ");
    }

    @Test
    void aConstructorCheckKeepsItsOwnMessage() {
        assertThat(describe("inner: {rate: -1}\n")).isEqualTo("rate must be >= 0, got -1.0");
    }

    @Test
    void anUnknownFieldIsNamed() {
        assertThat(describe("name: a\nsize: 3\n")).startsWith("field size: Unrecognized field \"size\"");
    }

    @Test
    void brokenSyntaxSaysWhere() {
        assertThat(describe("name: [a\ninner: {rate: 1}\n")).contains("(line ");
    }

    @Test
    void somethingElseGivesItsMessageOrItsClass() {
        assertThat(ConfigErrors.describe(new IllegalStateException("two\n  lines")))
                .isEqualTo("two lines");
        assertThat(ConfigErrors.describe(new RuntimeException(new IllegalStateException())))
                .isEqualTo("IllegalStateException");
    }
}
