#!/usr/bin/env bash
# The main job on a fresh machine (JDK 17 + Maven): builds ground4j, then with the shipped demo model
# (models/demo, the CPU configuration trained by benchmarks/learning/run.sh on SynthCXR):
#   1. grounds a short bilingual report on a shipped SynthCXR image: JSON on stdout, boxes drawn in out/demo/overlay.png;
#   2. grounds the shipped examples (examples/images/expert.jsonl) in batch and evaluates them;
#   3. makes the learning proof's held-out test set (SynthCXR seed 13, 400 sentences), grounds and evaluates it:
#      the figures printed should be those of docs/training.md (section "Proof that it learns").
# DEMO_TRAIN=1 first retrains the demo model from scratch (benchmarks/learning/run.sh dp7, about 83 minutes on 2 cores) and
# uses that model instead. Everything lands in out/demo. The demo model knows synthetic phantoms, not patients.
set -euo pipefail
cd "$(dirname "$0")/.."
G=./ground4j
OUT=out/demo
MODEL=models/demo
mkdir -p "$OUT"
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} # a small model runs fastest on one thread (docs/inference.md, Speed)

if [[ ${DEMO_TRAIN:-0} == 1 ]]; then
  echo "== 0/3 retraining the demo model (benchmarks/learning/run.sh dp7)" >&2
  benchmarks/learning/run.sh dp7
  MODEL=out/learning/v7/dp7/expert/best
fi

echo "== 1/3 grounding a bilingual report on examples/images/synth-000001.png with $MODEL" >&2
echo "       (JSON below, overlay in $OUT/overlay.png)" >&2
$G ground --model "$MODEL" --image examples/images/synth-000001.png \
  --report examples/images/report-synth-000001.txt --overlay "$OUT/overlay.png"

echo "== 2/3 grounding the shipped examples in batch and evaluating them" >&2
$G ground --model "$MODEL" --input examples/images/expert.jsonl --output "$OUT/examples-pred.jsonl" >&2
$G eval --gold examples/images/expert.jsonl --pred "$OUT/examples-pred.jsonl" --out "$OUT/examples-eval" >&2

echo "== 3/3 the held-out SynthCXR test set of the learning proof (seed 13): synthesis, grounding, evaluation" >&2
[[ -f $OUT/test/expert.jsonl ]] || $G synth --n 400 --seed 13 --out "$OUT/test" >&2
$G ground --model "$MODEL" --input "$OUT/test/expert.jsonl" --output "$OUT/test-pred.jsonl" >&2
$G eval --gold "$OUT/test/expert.jsonl" --pred "$OUT/test-pred.jsonl" --out "$OUT/test-eval"
echo "done: $OUT/overlay.png, $OUT/test-eval/report.md (a demo model trained on synthetic phantoms: it knows" \
  "nothing about patients)" >&2
