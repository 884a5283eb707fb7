package org.ground4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.checkpoint.Checkpoint;
import org.ground4j.core.checkpoint.CheckpointIO;
import org.ground4j.core.checkpoint.InferenceSettings;
import org.ground4j.core.io.SafeTensors;
import org.ground4j.core.model.ModelConfig;
import org.ground4j.core.model.ModelInit;
import org.ground4j.core.model.StateDict;
import org.ground4j.core.model.WeightImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ground4j import}: a new checkpoint from a configuration, fresh weights under a seed, and optionally
 * pretrained torchvision ResNet and HuggingFace BERT weights in safetensors files.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description =
                "Create a checkpoint: fresh weights, optionally pretrained ResNet / BERT weights from safetensors.")
final class ImportCommand implements Callable<Integer> {

    @Option(
            names = "--config",
            required = true,
            description = "model configuration: a YAML/JSON file, or a preset: paper, cpu, tiny (cpu and tiny take "
                    + "the vocabulary size from --tokenizer)")
    String config;

    @Option(names = "--tokenizer", description = "HF tokenizer.json to store in the checkpoint")
    Path tokenizer;

    @Option(names = "--resnet", description = "torchvision ResNet state_dict as safetensors")
    Path resnet;

    @Option(names = "--bert", description = "HuggingFace BertModel weights as safetensors")
    Path bert;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "seed of the fresh weights (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--strict", description = "fail unless every backbone / text-encoder tensor was imported")
    boolean strict;

    @Option(names = "--out", required = true, description = "checkpoint directory to write")
    Path out;

    @Override
    public Integer call() throws IOException {
        byte[] tok = tokenizer == null ? null : readTokenizer(tokenizer);
        ModelConfig cfg = switch (config) {
            case "paper" -> ModelConfig.paper();
            case "cpu" -> ModelConfig.cpu(vocabSize(tok, "cpu"));
            case "tiny" -> ModelConfig.tiny(vocabSize(tok, "tiny"));
            default -> ModelConfig.load(Path.of(config));
        };
        if (tok != null && vocabSize(tok, config) != cfg.text().vocabSize()) {
            throw new InvalidInputException(tokenizer + ": vocabulary of " + vocabSize(tok, config)
                    + " tokens, but the configuration's text.vocab_size is "
                    + cfg.text().vocabSize());
        }
        StateDict w = ModelInit.init(cfg, seed);
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("seed", Long.toString(seed));
        prov.put("created_by", "ground4j import");
        if (resnet != null) {
            report(
                    "resnet",
                    resnet,
                    WeightImport.resnet(w, SafeTensors.read(resnet).tensors()));
            prov.put("backbone_weights", resnet.getFileName().toString());
        }
        if (bert != null) {
            report("bert", bert, WeightImport.bert(w, SafeTensors.read(bert).tensors()));
            prov.put("text_weights", bert.getFileName().toString());
        }
        CheckpointIO.save(out, new Checkpoint(cfg, w, tok, InferenceSettings.paper(), prov, null, null));
        System.out.printf("wrote %s: %,d tensors, %,d values%n", out, w.size(), w.parameterCount());
        return 0;
    }

    private void report(String what, Path file, WeightImport.Report r) {
        System.out.println(what + " (" + file + "): " + r);
        if (strict && !r.complete()) {
            throw new InvalidInputException(file + ": incomplete import with --strict: "
                    + r.missing().size() + " missing, " + r.unexpected().size() + " unexpected, "
                    + r.mismatched().size() + " mismatched");
        }
    }

    private static byte[] readTokenizer(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new InvalidInputException(p + ": cannot read tokenizer: " + e.getMessage());
        }
    }

    private int vocabSize(byte[] tok, String preset) {
        if (tok == null) {
            throw new InvalidInputException(
                    "--config " + preset + " needs --tokenizer (its vocabulary sets text.vocab_size)");
        }
        try {
            JsonNode vocab = new ObjectMapper().readTree(tok).path("model").path("vocab");
            if (!vocab.isObject() || vocab.size() == 0) {
                throw new InvalidInputException(tokenizer + ": no model.vocab in this tokenizer.json");
            }
            return vocab.size();
        } catch (IOException e) {
            throw new InvalidInputException(tokenizer + ": not a tokenizer.json: " + e.getMessage());
        }
    }
}
