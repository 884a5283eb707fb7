#!/usr/bin/env bash
# run_many.sh TAG "ARGS" "ARGS" ... : runs ref_train.py once per ARGS, all in parallel (a GPU machine has room
# for 8 of these tiny runs at once), logs in $OUT/TAG-K.log (OUT defaults to .); data from $DATA (export.sh's).
cd "$(dirname "$0")"
DATA=${DATA:-../../../out/torchref/data}
OUT=${OUT:-.}
tag=$1; shift
k=0
for args in "$@"; do
  k=$((k+1))
  # shellcheck disable=SC2086
  OMP_NUM_THREADS=2 python ref_train.py --data "$DATA" $args > "$OUT/$tag-$k.log" 2>&1 &
done
wait
grep -h '"final"' "$OUT"/"$tag"-*.log
