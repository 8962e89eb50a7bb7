#!/usr/bin/env bash
# Batch throughput benchmark (not a test): generates seeded synthetic corpora with
# examples/gen_corpus.rs, runs `clauselint check --format jsonl` at 1 and 2 threads under
# /usr/bin/time (wall time, peak RSS), runs ripgrep over the same Markdown corpus counting the
# library's cue terms, prints one table row per run, and deletes every corpus afterwards.
#
#   benches/batch.sh [N ...]          default: 1000 10000
#   KINDS="md docx" REPEAT=2 benches/batch.sh 1000 10000 50000
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@"); [ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000)
KINDS=${KINDS:-"md docx"}
REPEAT=${REPEAT:-2}
cargo build --release --quiet --bin clauselint --example gen_corpus
BIN=target/release/clauselint
GEN=target/release/examples/gen_corpus
WORK=$(mktemp -d "${TMPDIR:-/tmp}/clauselint-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# The cue terms of the library: every term of every rule's locate.groups, wildcards dropped.
python3 - "$WORK/cues.txt" <<'PY'
import glob, sys, tomllib
terms = set()
for f in glob.glob("clause-library/**/*.toml", recursive=True):
    with open(f, "rb") as fh:
        for group in tomllib.load(fh).get("locate", {}).get("groups", []):
            terms.update(t.replace("*", "").strip() for t in group)
open(sys.argv[1], "w").write("\n".join(sorted(t for t in terms if t)) + "\n")
PY

# best of $REPEAT runs: prints "seconds peak_rss_kib cpu_seconds" (cpu = user + sys of that run)
measure() {
  local best="" rss=0 cpu=""
  for _ in $(seq "$REPEAT"); do
    /usr/bin/time -f "%e %M %U %S" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr" || true
    read -r s m u k <"$WORK/time"
    if [ -z "$best" ] || awk "BEGIN{exit !($s < $best)}"; then
      best=$s
      cpu=$(awk "BEGIN{printf \"%.2f\", $u + $k}")
    fi
    [ "$m" -gt "$rss" ] && rss=$m
  done
  echo "$best $rss $cpu"
}

echo "machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "| kind | docs | MB | threads | wall s | CPU s | docs/s | MB/s | peak RSS MiB | rg -j2 s | ratio |\n"
printf "|---|---|---|---|---|---|---|---|---|---|---|\n"
for n in "${SIZES[@]}"; do
  for kind in $KINDS; do
    dir="$WORK/corpus-$kind-$n"
    "$GEN" "$dir" "$n" "$kind" 7 >/dev/null
    bytes=$(du -sb "$dir" | cut -f1)
    mb=$(awk "BEGIN{printf \"%.1f\", $bytes/1e6}")
    rg_s="" 
    if [ "$kind" = md ]; then
      read -r rg_s _ < <(measure rg -j2 -c -i -F -f "$WORK/cues.txt" "$dir")
    fi
    for t in 1 2; do
      read -r s rss cpu < <(measure "$BIN" check --format jsonl --threads "$t" --fail-on never -q "$dir")
      dps=$(awk "BEGIN{printf \"%.0f\", $n/$s}")
      mbs=$(awk "BEGIN{printf \"%.1f\", $bytes/1e6/$s}")
      rmib=$(awk "BEGIN{printf \"%.0f\", $rss/1024}")
      ratio=""
      if [ -n "$rg_s" ] && [ "$t" = 2 ]; then ratio=$(awk "BEGIN{printf \"%.1f×\", $s/$rg_s}"); fi
      printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n" \
        "$kind" "$n" "$mb" "$t" "$s" "$cpu" "$dps" "$mbs" "$rmib" "${rg_s:-}" "$ratio"
    done
    rm -rf "$dir"
  done
done
