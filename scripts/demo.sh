#!/usr/bin/env bash
# The main job on a fresh machine (JDK 17 + Maven): builds ground4j, generates SynthCXR, learns a vocabulary,
# trains a small model (weak pretraining, then expert fine-tuning), grounds a bilingual report with it
# (JSON on stdout, an overlay PNG), grounds the validation set and evaluates it. Everything lands in out/demo;
# a second run reuses what is there (and resumes an interrupted training).
set -euo pipefail
cd "$(dirname "$0")/.."
G=./ground4j
OUT=out/demo
mkdir -p "$OUT"

echo "== 1/5 SynthCXR: training and validation sets (different seeds)" >&2
[[ -f $OUT/train/expert.jsonl ]] || $G synth --n 600 --seed 1 --out "$OUT/train" >&2
[[ -f $OUT/val/expert.jsonl ]] || $G synth --n 150 --seed 2 --out "$OUT/val" >&2

echo "== 2/5 a WordPiece vocabulary from the training sentences" >&2
[[ -f $OUT/tokenizer.json ]] || $G vocab --corpus "$OUT/train/expert.jsonl" --size 1000 --out "$OUT/tokenizer.json" >&2

echo "== 3/5 training: weak pretraining, then expert fine-tuning (examples/demo/run.yaml)" >&2
$G train --config examples/demo/run.yaml >&2

MODEL=$OUT/run/expert/best
IMAGE=$(sed -n 's/.*"image":"\([^"]*\)".*/\1/p' "$OUT/val/expert.jsonl" | head -1)
printf '%s\n' "Left lower lobe consolidation. No pneumothorax." \
  "Derrame pleural derecho. Nódulo en el lóbulo superior izquierdo." > "$OUT/report.txt"

echo "== 4/5 grounding a bilingual report on $OUT/val/$IMAGE (JSON below, overlay in $OUT/overlay.png)" >&2
$G ground --model "$MODEL" --image "$OUT/val/$IMAGE" --report "$OUT/report.txt" --overlay "$OUT/overlay.png"

echo "== 5/5 grounding the validation set and evaluating it" >&2
$G ground --model "$MODEL" --input "$OUT/val/expert.jsonl" --output "$OUT/val-pred.jsonl" >&2
$G eval --gold "$OUT/val/expert.jsonl" --pred "$OUT/val-pred.jsonl" --out "$OUT/eval" >&2
echo "done: $OUT/overlay.png, $OUT/eval/report.md (a demo model trained for minutes on synthetic phantoms:" \
  "it knows nothing about patients)" >&2
