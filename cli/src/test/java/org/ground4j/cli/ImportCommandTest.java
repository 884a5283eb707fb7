package org.ground4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ground4j.core.checkpoint.CheckpointIO;
import org.ground4j.core.io.SafeTensors;
import org.ground4j.core.model.Backbone;
import org.ground4j.core.model.BackboneConfig;
import org.ground4j.core.model.StateDict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {

    @TempDir
    Path dir;

    private Path tokenizer(int vocab) throws Exception {
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < vocab; i++) {
            v.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":").append(i);
        }
        Path p = dir.resolve("tokenizer.json");
        Files.writeString(p, "{\"model\": {\"type\": \"WordPiece\", \"vocab\": {" + v + "}}}");
        return p;
    }

    private static int run(StringWriter err, String... args) {
        var cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        PrintStream saved = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream()));
        try {
            return cl.execute(args);
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void importsTorchvisionWeightsIntoANewCheckpoint() throws Exception {
        StateDict resnet = Backbone.init(new BackboneConfig(18, 4, 3, 1e-5), 99);
        Path rn = dir.resolve("resnet.safetensors");
        SafeTensors.write(rn, resnet, Map.of());
        Path out = dir.resolve("ckpt");
        StringWriter err = new StringWriter();
        int code = run(
                err,
                "import",
                "--config",
                "tiny",
                "--tokenizer",
                tokenizer(40).toString(),
                "--resnet",
                rn.toString(),
                "--strict",
                "--seed",
                "5",
                "--out",
                out.toString());
        assertThat(code).as(err.toString()).isZero();
        var ckpt = CheckpointIO.load(out);
        assertThat(ckpt.config().text().vocabSize()).isEqualTo(40);
        assertThat(ckpt.weights().asMap().get("backbone.layer2.1.conv2.weight"))
                .isEqualTo(resnet.asMap().get("layer2.1.conv2.weight"));
        assertThat(ckpt.provenance()).containsEntry("seed", "5");
        assertThat(ckpt.tokenizerJson()).isNotEmpty();
    }

    @Test
    void badInputExitsWithTwoAndOneLine() throws Exception {
        StringWriter err = new StringWriter();
        assertThat(run(
                        err,
                        "import",
                        "--config",
                        "tiny",
                        "--out",
                        dir.resolve("x").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("needs --tokenizer").hasLineCount(1);

        StringWriter err2 = new StringWriter();
        Path tok = tokenizer(40);
        assertThat(run(
                        err2,
                        "import",
                        "--config",
                        "tiny",
                        "--tokenizer",
                        tok.toString(),
                        "--resnet",
                        dir.resolve("missing.safetensors").toString(),
                        "--out",
                        dir.resolve("y").toString()))
                .isEqualTo(2);
        assertThat(err2.toString())
                .contains("missing.safetensors")
                .contains("no such file")
                .hasLineCount(1);

        StringWriter err3 = new StringWriter();
        Path wrongRes = dir.resolve("wide.safetensors");
        SafeTensors.write(wrongRes, Backbone.init(new BackboneConfig(18, 8, 3, 1e-5), 1), Map.of());
        assertThat(run(
                        err3,
                        "import",
                        "--config",
                        "tiny",
                        "--tokenizer",
                        tok.toString(),
                        "--resnet",
                        wrongRes.toString(),
                        "--strict",
                        "--out",
                        dir.resolve("z").toString()))
                .isEqualTo(2);
        assertThat(err3.toString()).contains("mismatched");
    }
}
