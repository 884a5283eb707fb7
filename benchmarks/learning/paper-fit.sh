#!/usr/bin/env bash
# The paper configuration learns on this machine: ResNet-101 at 640 px, BERT-base, 6 + 6 transformer layers and 100
# queries (169.7 M parameters), from fresh weights, trained with `ground4j train` on the first 16 sentences of a small
# SynthCXR set until it fits them. A measurement, not a test: it prints the run's time, its peak resident memory and
# the P@F1=1 of the final model on its own 16 training sentences; the training log (out/paper-fit/run/log.jsonl)
# has the loss of every step.
#
#   benchmarks/learning/paper-fit.sh                    # about an hour on 2 cores
#   EPOCHS=40 CHECKPOINTING=all benchmarks/learning/paper-fit.sh
#
# Re-running resumes an interrupted run (kill -9 included) and then evaluates again.
set -euo pipefail
cd "$(dirname "$0")/../.."
G=${G:-./ground4j}
OUT=${OUT:-out/paper-fit}
EPOCHS=${EPOCHS:-60}
CHECKPOINTING=${CHECKPOINTING:-none}
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}
export JAVA_OPTS=${JAVA_OPTS:--Xmx4g}
mkdir -p "$OUT"

[[ -f $OUT/data/expert.jsonl ]] || $G synth --n 60 --seed 21 --out "$OUT/data" >&2
# the first 16 sentences; image paths made absolute so that the file can live beside the run
[[ -f $OUT/sixteen.jsonl ]] || head -n 16 "$OUT/data/expert.jsonl" \
  | sed "s#\"image\":\"images/#\"image\":\"$PWD/$OUT/data/images/#" > "$OUT/sixteen.jsonl"
[[ -f $OUT/tokenizer.json ]] || $G vocab --corpus "$OUT/data/expert.jsonl" --size 300 --out "$OUT/tokenizer.json" >&2

cat > "$OUT/run.yaml" <<EOF
stage: expert
model: paper
tokenizer: tokenizer.json
data: {expert_train: sixteen.jsonl, expert_val: sixteen.jsonl}
out: run
seed: 7
epochs: {weak: 0, expert: $EPOCHS}
batch_images: 2
lr: {backbone: 1.0e-4, text: 1.0e-4, rest: 1.0e-4, drop_epoch: 0, gamma: 0.1}
weight_decay: 0
grad_clip: 0.1
warmup_steps: 10
dropout: 0.0
batch_norm: train
checkpoint_every: 20
checkpointing: $CHECKPOINTING
EOF

start=$SECONDS
/usr/bin/time -v -o "$OUT/time.txt" $G train --config "$OUT/run.yaml" >&2
echo "paper-fit: trained in $(( (SECONDS - start) / 60 )) min $(( (SECONDS - start) % 60 )) s" \
  "(this invocation; a resumed run counts from its restart)" >&2
grep -E "Maximum resident set size" "$OUT/time.txt" >&2
$G ground --model "$OUT/run/expert/best" --input "$OUT/sixteen.jsonl" --output "$OUT/pred.jsonl" >&2
$G eval --gold "$OUT/sixteen.jsonl" --pred "$OUT/pred.jsonl" --out "$OUT/eval"
python3 - "$OUT/run/log.jsonl" <<'PY' >&2
import json, sys
steps = [json.loads(l) for l in open(sys.argv[1]) if '"event":"step"' in l]
if steps:
    first, last = steps[0]["loss"], steps[-1]["loss"]
    print(f"paper-fit: {len(steps)} steps, loss {first:.3f} -> {last:.3f} ({first / last:.1f}x), "
          f"median step {sorted(s['step_s'] for s in steps)[len(steps) // 2]:.1f} s")
PY
