#!/usr/bin/env bash
# The package as a user gets it: pack the tarball, install it into an empty scratch project and use it there.
#
#   scripts/package-smoke.sh [--no-build] [--keep]
#
#   1. build     npm run build (kernels + tsc → dist/); --no-build when dist/ is fresh (.ci/run: npm ci just built it)
#   2. pack      npm pack → muon-claims-<version>.tgz (its file list must hold dist/, bin/ and the catalogue's
#                fixtures, and no test, property file or source .ts)
#   3. install   a scratch project in a temp dir: npm install <tarball> typescript vitest (offline-first)
#   4. node      plain node: import('muon-claims'), runClaim on the example claim (compiled by tsc to .js) and on a
#                catalogue claim (A.L2, quick), the catalogue's errata and pinned regressions found from dist/
#   5. tsc       tsc --strict --noEmit on the example claim and its vitest file (examples/tsconfig.json)
#   6. cli       npx muon-claims check --claims ./my-claims.ts (the installed bin, dist/ JS; tsx only for the .ts)
#   7. vitest    npx vitest run: the example's property file through 'muon-claims/vitest'
#
# Prints PASS/FAIL per step and a closing "package smoke: N passed, M failed"; exits 1 when a step failed.
# --keep leaves the scratch project in place (its path is printed).
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build=1
keep=0
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    --keep) keep=1 ;;
    *) echo "package-smoke: unknown argument '$a' (--no-build, --keep)" >&2; exit 2 ;;
  esac
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/muon-claims-smoke.XXXXXX")"
proj="$tmp/project"
log="$tmp/log"
mkdir -p "$proj" "$log"
if [ "$keep" = 1 ]; then echo "package-smoke: scratch project in $proj (kept)"; else trap 'rm -rf "$tmp"' EXIT; fi

passed=0
failed=0
broken=0 # set when a step the others need failed: they are then reported as failed without running
npm_flags=(--prefer-offline --no-audit --no-fund --loglevel=error)

# step NAME COMMAND…: runs the command (output to $log/NAME.log), prints PASS/FAIL with the log's tail on failure.
step() {
  local name="$1"
  shift
  if [ "$broken" = 1 ]; then
    echo "FAIL  $name (not run: an earlier step failed)"
    failed=$((failed + 1))
    return 1
  fi
  local t0=$SECONDS
  if "$@" >"$log/$name.log" 2>&1; then
    echo "PASS  $name ($((SECONDS - t0)) s)"
    passed=$((passed + 1))
    return 0
  fi
  echo "FAIL  $name ($((SECONDS - t0)) s) — last lines of its output:"
  tail -n 25 "$log/$name.log" | sed 's/^/        /'
  failed=$((failed + 1))
  return 1
}

finish() {
  echo "package smoke: $passed passed, $failed failed"
  [ "$failed" = 0 ]
  exit $?
}

cd "$root" || exit 1

# 1. build
if [ "$build" = 1 ]; then
  step build npm run build || broken=1
fi

# 2. pack (prepare ran in step 1 or in npm ci: no second build here)
pack() {
  [ -f dist/index.js ] && [ -f dist/index.d.ts ] && [ -f dist/testing/vitest.js ] || { echo "dist/ is missing or incomplete: run npm run build"; return 1; }
  npm pack --ignore-scripts --json --pack-destination "$tmp" >"$tmp/pack.json" || return 1
  node - "$tmp/pack.json" <<'JS'
const [info] = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const files = info.files.map((f) => f.path);
const bad = files.filter((f) => /(^|\/)(test|properties|examples|scripts|asm|src)\//.test(f) || /\.test\.|\.ts$/.test(f.replace(/\.d\.ts$/, '')));
const need = ['package.json', 'README.md', 'bin/muon-claims.mjs', 'dist/index.js', 'dist/index.d.ts', 'dist/testing/vitest.js', 'dist/cli/main.js', 'dist/cli/check-worker.mjs', 'fixtures/errata.json'];
const missing = need.filter((f) => !files.includes(f));
if (!files.some((f) => f.startsWith('fixtures/regressions/'))) missing.push('fixtures/regressions/*');
console.log(`${info.filename}: ${files.length} files, ${(info.size / 1024).toFixed(0)} kB packed, ${(info.unpackedSize / 1024).toFixed(0)} kB unpacked`);
if (bad.length) console.log(`files that do not belong in the tarball: ${bad.join(', ')}`);
if (missing.length) console.log(`missing from the tarball: ${missing.join(', ')}`);
process.exit(bad.length || missing.length ? 1 : 0);
JS
}
step pack pack || broken=1
[ "$broken" = 0 ] && sed -n 1p "$log/pack.log" | sed 's/^/        /'
tarball="$(ls "$tmp"/muon-claims-*.tgz 2>/dev/null | head -n 1)"

# 3. install: the example project (examples/) with the tarball and the tools its checks use, at our pinned versions
install() {
  cp "$root"/examples/my-claims.ts "$root"/examples/my-claims.test.ts "$root"/examples/tsconfig.json "$proj"/ || return 1
  printf '{ "name": "my-muon-claims", "private": true, "type": "module" }\n' >"$proj/package.json"
  local ts vt
  ts="$(node -p "require('$root/node_modules/typescript/package.json').version")"
  vt="$(node -p "require('$root/node_modules/vitest/package.json').version")"
  (cd "$proj" && npm install "${npm_flags[@]}" "$tarball" "typescript@$ts" "vitest@$vt")
}
step install install || broken=1

# 4. plain node: the library, the example claim as compiled JavaScript, a catalogue claim, the shipped fixtures
node_import() {
  (cd "$proj" && npx tsc --strict --target es2022 --module nodenext --moduleResolution nodenext --outDir js my-claims.ts) || return 1
  (cd "$proj" && node --input-type=module -e "
    const m = await import('muon-claims');
    const { default: mine } = await import('./js/my-claims.js');
    const fail = (why) => { console.error('FAILED: ' + why); process.exit(1); };
    for (const name of ['defineClaim', 'probe', 'hyp', 'float64Field', 'rational', 'decimal', 'runClaim', 'claimById', 'reference', 'float64', 'exactField', 'rationalField', 'msign', 'muon', 'geo', 'rng'])
      if (typeof m[name] !== 'function' && typeof m[name] !== 'object') fail('muon-claims exports no ' + name);
    if (!Array.isArray(m.plants) || m.plants.length === 0) fail('no plants');
    if (typeof m.generators.rho256 !== 'function') fail('no generators namespace');
    const a = m.runClaim(mine, { profile: 'quick' });
    console.log(a.id + ': ' + a.verdict + '; probes ' + a.probes.map((p) => p.id + (p.found ? ' found' : ' NOT found')).join(', '));
    if (a.verdict !== 'holds' || !a.probes.every((p) => p.found)) fail('the example claim did not hold with both probes found');
    const l2 = m.claimById('A.L2');
    const b = m.runClaim(l2, { profile: 'quick', regressions: m.projectRegressions('A.L2'), errata: m.projectErrata() });
    console.log(b.id + ': ' + b.verdict + '; probes found ' + b.probes.filter((p) => p.found).length + ' of ' + b.probes.length);
    if (b.verdict !== 'holds') fail('A.L2 did not hold');
    const pinned = m.projectRegressions('B.smooth').length, errata = m.projectErrata().length;
    console.log('catalogue fixtures from the installed package: ' + errata + ' errata, ' + pinned + ' pinned B.smooth cases');
    if (errata === 0 || pinned === 0) fail('the catalogue fixtures were not found');
    if (m.claims.length < 20) fail('the registry has ' + m.claims.length + ' claims');
  ")
}
step node node_import

# 5. a consumer's strict tsc on the example claim and its property file (all .d.ts checked: no skipLibCheck)
step tsc bash -c "cd '$proj' && npx tsc -p tsconfig.json --strict --noEmit"

# 6. the installed bin with the user's own .ts claims
cli() {
  (cd "$proj" && npx muon-claims check --claims ./my-claims.ts --profile quick --out reports) || return 1
  (cd "$proj" && node -e "
    const r = JSON.parse(require('fs').readFileSync('reports/claims.json', 'utf8'));
    const c = (r.claims ?? r.results ?? []).find((x) => x.id === 'my.geometric');
    if (!c || c.verdict !== 'holds') { console.error('reports/claims.json: my.geometric ' + (c ? c.verdict : 'missing')); process.exit(1); }
  ")
}
step cli cli

# 7. vitest through 'muon-claims/vitest'
step vitest bash -c "cd '$proj' && MUON_PROFILE=quick npx vitest run"

finish
