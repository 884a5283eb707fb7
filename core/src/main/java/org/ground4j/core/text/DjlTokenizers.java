package org.ground4j.core.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.ground4j.core.InvalidInputException;

/**
 * Opens a local tokenizer.json with DJL's {@link HuggingFaceTokenizer}, never touching the network, and turns
 * its failures into {@link InvalidInputException}s that name the file.
 */
final class DjlTokenizers {

    private static final String OPT_OUT = "OPT_OUT_TRACKING";

    private DjlTokenizers() {}

    /**
     * Loads {@code file} (not a folder) with DJL options ({@code truncation}, {@code maxLength}, {@code padding},
     * {@code addSpecialTokens}). DJL pings a telemetry address on every load unless tracking is opted out or
     * it runs offline, so unless the environment or a system property already decides, this opts out by setting
     * the system property {@code OPT_OUT_TRACKING=true}.
     */
    static HuggingFaceTokenizer load(Path file, Map<String, String> options) {
        if (System.getenv(OPT_OUT) == null && System.getProperty(OPT_OUT) == null) {
            System.setProperty(OPT_OUT, "true");
        }
        try {
            return HuggingFaceTokenizer.newInstance(file, options);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such tokenizer file");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read tokenizer: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new InvalidInputException(file + ": HuggingFace tokenizers cannot load it: " + e.getMessage(), e);
        }
    }
}
