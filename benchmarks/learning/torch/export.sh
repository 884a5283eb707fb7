#!/usr/bin/env bash
# Exports the learning proof's data (benchmarks/learning/run.sh makes it) for ref_train.py, xz-packed so that it
# fits the 64 MiB that travels to a GPU machine: ~53 MB. Usage: benchmarks/learning/torch/export.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/../../.."
OUT=${1:-out/torchref/data}
L=out/learning
java -cp "benchmarks/target/ground4j-benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt)" \
  org.ground4j.benchmarks.TorchExport $L/tokenizer.json 256 "$OUT" train-expert=$L/train/expert.jsonl \
  train-weak=$L/train/weak.jsonl val-expert=$L/val/expert.jsonl test-expert=$L/test/expert.jsonl
rm -f "$OUT/train-weak.u8.gz" # the same images as train-expert, in the same order
for n in train-expert val-expert test-expert; do
  gzip -dc "$OUT/$n.u8.gz" | xz -9e > "$OUT/$n.u8.xz" && rm "$OUT/$n.u8.gz"
done
ls -l "$OUT"
