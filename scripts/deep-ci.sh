#!/usr/bin/env bash
# The steps of the deep-profile CI run (.github/workflows/deep.yml), here so that they run the same on a laptop:
#
#   scripts/deep-ci.sh shard I N     check the claims of shard I of N into $OUT/shard-I   (exit 1 on a violation)
#   scripts/deep-ci.sh merge [DIR…]  merge the shards (default: $OUT/shard-*) into $OUT/merged (exit 1 on a violation)
#
# Environment: MUON_PROFILE (default deep), MUON_SEED (default the CLI's), OUT (default reports/deep), CLAIMS (a
# --claim selection such as 'A.L*,B.msign'; default all), TIME_LIMIT (per-claim seconds; default the profile's).
# Every shard must run with the same MUON_PROFILE and MUON_SEED: merge refuses a mix.
set -euo pipefail

cd "$(dirname "$0")/.."
CLI=(node bin/muon-claims.mjs)
OUT="${OUT:-reports/deep}"
export MUON_PROFILE="${MUON_PROFILE:-deep}"

usage() {
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

case "${1:-}" in
  shard)
    [[ $# -eq 3 && "$2" =~ ^[0-9]+$ && "$3" =~ ^[0-9]+$ ]] || usage
    args=(check --shard "$2/$3" --out "$OUT/shard-$2")
    [[ -n "${CLAIMS:-}" ]] && args+=(--claim "$CLAIMS")
    [[ -n "${TIME_LIMIT:-}" ]] && args+=(--time-limit "$TIME_LIMIT")
    echo "deep-ci: shard $2/$3, profile $MUON_PROFILE, seed ${MUON_SEED:-default} → $OUT/shard-$2"
    exec "${CLI[@]}" "${args[@]}"
    ;;
  merge)
    shift
    dirs=("$@")
    if [[ ${#dirs[@]} -eq 0 ]]; then
      shopt -s nullglob
      dirs=("$OUT"/shard-*)
    fi
    [[ ${#dirs[@]} -gt 0 ]] || { echo "deep-ci: no shard reports in $OUT/shard-*" >&2; exit 2; }
    echo "deep-ci: merging ${dirs[*]} → $OUT/merged"
    exec "${CLI[@]}" merge "${dirs[@]}" --out "$OUT/merged"
    ;;
  *)
    usage
    ;;
esac
