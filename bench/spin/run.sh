#!/usr/bin/env bash
# run.sh -- SPIN's full state space of the seed lab (s1.pml), for comparison with roamcheck.
# A trimmed copy of the anchor's run script (see README.md here): one case, no trails.
#
# usage:  bench/spin/run.sh [spin -D flags...]
#         default flags: -DMAXMOVES=2 -DMAXLOSS=1 -DV_SEED   (the seed lab, 2 moves, 1 loss)
# needs:  spin and gcc on PATH (Debian: apt-get install spin gcc)
# prints: pan's report of the full state space (pan -A: assertions ignored) and the wall time
#         of each of REPEAT runs. The build goes to a temporary folder that is removed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
command -v spin > /dev/null || { echo "spin not found on PATH (Debian: apt-get install spin)"; exit 2; }
command -v gcc > /dev/null || { echo "gcc not found on PATH"; exit 2; }
CFLAGS="-O2 -DSAFETY -DMEMLIM=16384"     # -DSAFETY: safety properties only
PANFLAGS="-m10000 -w22 -n -A"            # depth 10000, 2^22 hash slots, no unreached list, no asserts
REPEAT=${REPEAT:-3}
if [ $# -eq 0 ]; then set -- -DMAXMOVES=2 -DMAXLOSS=1 -DV_SEED; fi
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
cp "$here/s1.pml" "$build/"
cd "$build"
spin -V
echo "spin -a $*"
spin -a "$@" s1.pml > spin.log
echo "gcc $CFLAGS -o pan pan.c"
gcc $CFLAGS -o pan pan.c
for i in $(seq "$REPEAT"); do
  t0=$(date +%s%N); ./pan $PANFLAGS > pan.log 2>&1; t1=$(date +%s%N)
  echo "run $i: wall $(( (t1 - t0) / 1000000 )) ms"
done
grep -E 'State-vector|states, stored|transitions \(|total actual memory|memory used for states|actual memory usage for states|elapsed time|pan: rate' pan.log
