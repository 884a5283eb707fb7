package org.ground4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ground4j.core.text.Corpus;
import org.ground4j.core.text.TokenizerJson;
import org.ground4j.core.text.VocabCoverage;
import org.ground4j.core.text.WordPieceTrainer;
import org.ground4j.core.text.WordPieceVocab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ground4j vocab}: learns a BERT WordPiece tokenizer.json from a corpus, so no download is needed. */
@Command(
        name = "vocab",
        mixinStandardHelpOptions = true,
        description = {
            "Learn a BERT WordPiece vocabulary (lowercase, accents stripped) from a corpus and write it "
                    + "as a HuggingFace tokenizer.json.",
            "Prints the vocabulary size and how well it covers the corpus. The same corpus and size give a "
                    + "byte-identical file."
        })
final class VocabCommand implements Callable<Integer> {

    @Option(
            names = "--corpus",
            required = true,
            description = "Text file with one sentence per line, or a samples .jsonl file (its \"sentence\" fields).")
    Path corpus;

    @Option(names = "--size", required = true, description = "Vocabulary size, special tokens included.")
    int size;

    @Option(names = "--out", required = true, description = "tokenizer.json to write (atomically).")
    Path out;

    @Override
    public Integer call() {
        List<String> sentences = Corpus.read(corpus);
        WordPieceVocab vocab = new WordPieceTrainer(size).train(sentences);
        TokenizerJson.write(out, vocab);
        VocabCoverage coverage = VocabCoverage.measure(out, sentences);
        System.out.println("tokenizer      " + out);
        System.out.println("vocab size     " + vocab.size()
                + (vocab.size() < size ? " (fewer than " + size + ": every corpus word is already one token)" : ""));
        System.out.print(coverage.format());
        return 0;
    }
}
