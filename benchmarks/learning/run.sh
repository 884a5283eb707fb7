#!/usr/bin/env bash
# Proof that ground4j learns: SynthCXR made here, the CPU configuration trained on two cores,
# evaluated on a held-out set made with another seed; then the paper's Table 7 ablation direction with only
# 200 expert samples: weak pretraining + expert fine-tuning against expert-only training.
# Usage: benchmarks/learning/run.sh [main|qs|qs4|qs6|pt8|balanced|balanced6|eos5|eos5-balanced|dp7|qs7|ablation|ablation-qs|all]   (default all). Results: out/learning/*/test-eval.
# Re-running reuses data and resumes interrupted runs. Recipe 2 (main.yaml and the ablation files, runs under
# out/learning/v2); the *-r1.yaml files are recipe 1, for comparison.
set -euo pipefail
cd "$(dirname "$0")/../.."
G=${G:-./ground4j}  # G=/path/to/ground4j runs another build (a git worktree) on this checkout's data
OUT=out/learning
HERE=benchmarks/learning
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} # one thread trains this size as fast as two (benchmarks/README.md)
what=${1:-all}
mkdir -p "$OUT"

[[ -f $OUT/train/expert.jsonl ]] || $G synth --n 6000 --seed 11 --out "$OUT/train" >&2
[[ -f $OUT/val/expert.jsonl ]] || $G synth --n 200 --seed 12 --out "$OUT/val" >&2
[[ -f $OUT/test/expert.jsonl ]] || $G synth --n 400 --seed 13 --out "$OUT/test" >&2
[[ -f $OUT/tokenizer.json ]] || $G vocab --corpus "$OUT/train/expert.jsonl" --size 1000 --out "$OUT/tokenizer.json" >&2
# the ablation's small expert set: the first 200 expert samples (sentences) of the training set
[[ -f $OUT/train/expert-200.jsonl ]] || head -n 200 "$OUT/train/expert.jsonl" > "$OUT/train/expert-200.jsonl"

# train CONFIG RUN_DIR CHECKPOINT: trains (timed), grounds the held-out test set, evaluates it
train() {
  local config=$1 run=$2 ckpt=$3
  local start=$SECONDS
  $G train --config "$config" >&2
  echo "$run: trained in $(( (SECONDS - start) / 60 )) min $(( (SECONDS - start) % 60 )) s" | tee -a "$OUT/times.txt" >&2
  $G ground --model "$ckpt" --input "$OUT/test/expert.jsonl" --output "$run/test-pred.jsonl" >&2
  # the image ablation: the same sentences on another study's image
  $G ground --model "$ckpt" --input "$OUT/test/expert.jsonl" --output "$run/test-pred-shuffled.jsonl" \
    --shuffle-images 7 >&2
  $G eval --gold "$OUT/test/expert.jsonl" --pred "$run/test-pred.jsonl" --shuffled "$run/test-pred-shuffled.jsonl" \
    --out "$run/test-eval"
}

if [[ $what == main || $what == all ]]; then
  train $HERE/main.yaml $OUT/v2/main $OUT/v2/main/expert/best
fi
if [[ $what == qs ]]; then  # query selection + dense term + batch_norm: train (main-qs.yaml)
  train $HERE/main-qs.yaml $OUT/v3/main $OUT/v3/main/expert/best
fi
if [[ $what == qs4 ]]; then  # main-qs.yaml plus a fourth expert epoch at lr/10 (main-qs4.yaml)
  train $HERE/main-qs4.yaml $OUT/v4/main $OUT/v4/main/expert/best
fi
if [[ $what == balanced ]]; then  # main-qs4.yaml with the balanced dense term (balanced-qs4.yaml)
  train $HERE/balanced-qs4.yaml $OUT/v4/balanced $OUT/v4/balanced/expert/best
fi
if [[ $what == qs6 ]]; then  # six expert epochs, the last two at lr/10 (main-qs6.yaml)
  train $HERE/main-qs6.yaml $OUT/v5/qs6 $OUT/v5/qs6/expert/best
fi
if [[ $what == pt8 ]]; then  # main-qs6.yaml with the stride-8 passthrough (pt8-qs6.yaml)
  train $HERE/pt8-qs6.yaml $OUT/v5/pt8 $OUT/v5/pt8/expert/best
fi
if [[ $what == balanced6 ]]; then  # main-qs6.yaml with the balanced dense term (balanced-qs6.yaml)
  train $HERE/balanced-qs6.yaml $OUT/v6/balanced6 $OUT/v6/balanced6/expert/best
fi
if [[ $what == eos5 ]]; then  # main-qs6.yaml with eos_coef 0.5 (eos5-qs6.yaml)
  train $HERE/eos5-qs6.yaml $OUT/v6/eos5 $OUT/v6/eos5/expert/best
fi
if [[ $what == eos5-balanced ]]; then  # eos5-qs6.yaml with the balanced dense term (eos5-balanced-qs6.yaml)
  train $HERE/eos5-balanced-qs6.yaml $OUT/v6/eos5-balanced $OUT/v6/eos5-balanced/expert/best
fi
if [[ $what == dp7 ]]; then  # eos5-balanced with workers: 2 and a seventh expert epoch (dp7.yaml): the recipe of models/demo
  train $HERE/dp7.yaml $OUT/v7/dp7 $OUT/v7/dp7/expert/best
fi
if [[ $what == qs7 ]]; then  # dp7.yaml on one worker, to tell its two changes apart (qs7.yaml)
  train $HERE/qs7.yaml $OUT/v7/qs7 $OUT/v7/qs7/expert/best
fi
if [[ $what == ablation-qs ]]; then  # the paper's Table 7 with query selection; needs run.sh qs4's weak checkpoint
  train $HERE/expert-only-200-qs.yaml $OUT/v4/expert-only-200 $OUT/v4/expert-only-200/expert/best
  train $HERE/weak-then-200-qs.yaml $OUT/v4/weak-then-200 $OUT/v4/weak-then-200/expert/best
fi
if [[ $what == ablation || $what == all ]]; then
  train $HERE/expert-only-200.yaml $OUT/v2/expert-only-200 $OUT/v2/expert-only-200/expert/best
  # needs the main run's weak checkpoint (out/learning/v2/main/weak/best)
  train $HERE/weak-then-200.yaml $OUT/v2/weak-then-200 $OUT/v2/weak-then-200/expert/best
fi
