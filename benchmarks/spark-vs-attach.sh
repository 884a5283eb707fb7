#!/usr/bin/env bash
# Throughput of `ground4j spark-attach` (Spark local mode) against the single-process `ground4j attach` on the
# same SynthCXR reports: one study per image, its SynthCXR sentences joined into a report.
#
#   benchmarks/spark-vs-attach.sh [MODEL] [REPORTS] [MASTERS]
#
# MODEL: a checkpoint (default: the shipped demo model models/demo);
# REPORTS: how many (default 200); MASTERS: the Spark masters to try (default "local[1] local[2]").
# Each command is timed whole (JVM and Spark start, model load, writing), then run again over its own output, which
# skips every id: that second time is its fixed cost. `attach` runs with OMP_NUM_THREADS=1 and =2; spark-attach
# with one OpenMP thread per task (the launcher's default). The outputs are compared with attach's, row for row.
# GROUND4J names the launcher (default ./ground4j). Results: a Markdown table on stdout; files in
# out/spark-vs-attach/.
set -euo pipefail
cd "$(dirname "$0")/.."
G=${GROUND4J:-./ground4j}
MODEL=${1:-models/demo}
N=${2:-200}
MASTERS=${3:-local[1] local[2]}
OUT=out/spark-vs-attach
[[ -d $MODEL ]] || { echo "spark-vs-attach: no checkpoint at $MODEL (run scripts/demo.sh, or name one)" >&2; exit 2; }
mkdir -p "$OUT"

# SynthCXR puts 2-5 sentences on an image: 5 N sentences give at least N images
if [[ ! -f $OUT/synth/expert.jsonl ]] || (( $(ls "$OUT/synth/images" | wc -l) < N )); then
  $G synth --n $((5 * N)) --seed 11 --out "$OUT/synth" >&2
fi
REPORTS=$OUT/synth/reports-$N.jsonl
awk -v max="$N" '
  { if (!match($0, /"image":"[^"]*"/)) next; img = substr($0, RSTART + 9, RLENGTH - 10)
    if (!match($0, /"sentence":"([^"\\]|\\.)*"/)) next; s = substr($0, RSTART + 12, RLENGTH - 13)
    if (!(img in text)) { if (n == max) next; order[n++] = img; text[img] = s } else text[img] = text[img] " " s }
  END { for (i = 0; i < n; i++) printf "{\"id\":\"study-%04d\",\"image\":\"%s\",\"report\":\"%s\"}\n", i, order[i], text[order[i]] }
' "$OUT/synth/expert.jsonl" > "$REPORTS"
ROWS=$(wc -l < "$REPORTS")

# seconds a command takes; its stderr is kept in $OUT/last.err (a failing command stops the script)
timed() {
  local start end
  start=$(date +%s.%N)
  "$@" > /dev/null 2> "$OUT/last.err" || { cat "$OUT/last.err" >&2; return 1; }
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }'
}
rate() { awk -v n="$ROWS" -v s="$1" 'BEGIN { printf "%.2f", n / s }'; }

echo "| command | reports | wall s | reports/s | rerun s (all skipped) | output |"
echo "| --- | --- | --- | --- | --- | --- |"
for t in 1 2; do
  rm -f "$OUT/attach-omp$t.jsonl" "$OUT/attach-omp$t.errors.jsonl"
  cmd=(env OMP_NUM_THREADS=$t $G attach --model "$MODEL" --input "$REPORTS" --output "$OUT/attach-omp$t.jsonl")
  s=$(timed "${cmd[@]}"); again=$(timed "${cmd[@]}")
  echo "| attach, OMP_NUM_THREADS=$t | $ROWS | $s | $(rate "$s") | $again | $(wc -l < "$OUT/attach-omp$t.jsonl") rows |"
done
for m in $MASTERS; do
  dir=$OUT/spark-${m//[^a-z0-9]/}
  rm -rf "$dir" "$dir.errors.jsonl"
  cmd=(env OMP_NUM_THREADS=1 $G spark-attach --master "$m" --model "$MODEL" --input "$REPORTS" --output "$dir")
  s=$(timed "${cmd[@]}"); again=$(timed "${cmd[@]}")
  same=$(cat "$dir"/run-*/part-* | cmp -s - "$OUT/attach-omp1.jsonl" && echo "= attach, row for row" || echo "DIFFERS")
  echo "| spark-attach --master $m | $ROWS | $s | $(rate "$s") | $again | $same |"
done
echo
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; model: $MODEL"
