/*
 * npm run readme — the parts of README.md that the code or a run can state, generated so that they stay true.
 *
 * README.md holds generated regions, `<!-- generated:NAME -->` … `<!-- /generated:NAME -->`, each rewritten from
 * its sources (everything between the markers is replaced; everything outside them is left alone):
 *   summary   the status sentence                                docs/verdicts.json
 *   claims    the claims table: id, claim, provenance, source, modes, check and property files, catalogue entry
 *                                                                the registry (src/claims/registry.ts)
 *   profiles  cases, time limit and search budget per profile       the registry, engine.ts, phases/target.ts
 *   verdicts  the verdict table: verdict, cases per mode, worst slack per bound class, probes, why
 *                                                                docs/verdicts.json
 *   findings  errata, pinned cases, what the run left unsettled, the findings documents
 *                                                                fixtures/errata.json, fixtures/regressions/,
 *                                                                docs/verdicts.json, docs/findings/*.md
 *   figures   the experiments' settings, measured numbers and assertions     docs/verdicts.json (figures)
 *   cli       every command's --help                            src/cli/commands.ts
 *   transfer  the practical-Muon transfer matrix (claims × variants) of the same check run    docs/verdicts.json
 * and docs/catalogue.md, the catalogue's text, copied from ../shared/spec/claims.md when that file is present (a
 * user's clone has no ../shared; the copy is what the README links).
 *
 * docs/verdicts.json is the snapshot of one default-profile run (`muon-claims check`) and one `muon-claims reproduce
 * all`, with the seed, profile, date and commit: the generated regions quote no verdict, case count, slack or figure number
 * that is not in it. test/readme.test.ts regenerates every region from the same sources and fails on any difference.
 *
 *   npm run readme                    rewrite the regions (and docs/catalogue.md) from their sources
 *   npm run readme -- --check         print the drift (what `npm run readme` would change) and exit 1 if any
 *   npm run readme -- --run           run check (default profile) and reproduce all, rewrite docs/verdicts.json from
 *                                     their output, then the regions; --run-check or --run-figures for one of them;
 *                                     --seed N for another seed; --clean to run them on a copy of the committed HEAD
 *                                     (git archive) instead of the working tree
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { TIME_LIMIT_MS } from '../src/claims/engine.ts';
import { TARGET_BUDGET } from '../src/claims/phases/target.ts';
import { claims as registry } from '../src/claims/registry.ts';
import { PROFILES, type Claim } from '../src/claims/types.ts';
import { COMMANDS, mainHelp } from '../src/cli/commands.ts';
import { helpText, version } from '../src/cli/options.ts';
import { describeReason } from '../src/report/reasons.ts';
import { num } from '../src/report/format.ts';
import { CELL_MARK, cellFailure, cellShort } from '../src/report/transfer.ts';
import type { ReportTransfer } from '../src/report/schema.ts';
import { decodeJson, encodeJson } from '../src/util/json.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const README = join(ROOT, 'README.md');
export const SNAPSHOT = join(ROOT, 'docs', 'verdicts.json');
export const CATALOGUE = join(ROOT, 'docs', 'catalogue.md');
export const SPEC = join(ROOT, '..', 'shared', 'spec', 'claims.md');
const BASELINE = join(ROOT, 'fixtures', 'slack-baseline.json');
const ERRATA = join(ROOT, 'fixtures', 'errata.json');
const REGRESSIONS = join(ROOT, 'fixtures', 'regressions');
const FINDINGS = join(ROOT, 'docs', 'findings');

export const SNAPSHOT_SCHEMA = 'muon-claims/readme-snapshot';

// ---------------------------------------------------------------------------------------------------------------
// The snapshot (docs/verdicts.json)

export type BoundClass = 'tight' | 'loose' | 'identity' | 'unclassified';
export const BOUND_CLASSES: readonly BoundClass[] = ['tight', 'loose', 'identity', 'unclassified'];

export interface SnapshotBound {
  readonly name: string;
  readonly lhs: number;
  readonly rhs: number;
}

export interface SnapshotClaim {
  readonly id: string;
  readonly verdict: string;
  /** The judge's reason code (claims.json keeps the whole structure). */
  readonly reasonCode: string;
  readonly modes: readonly { readonly mode: string; readonly verdict: string; readonly cases: number; readonly requested: number; readonly interrupted: boolean; readonly reasonCode: string }[];
  /** Worst slack per bound class of fixtures/slack-baseline.json ('unclassified': a bound the baseline does not hold). */
  readonly slack: Readonly<Partial<Record<BoundClass, { readonly bounds: number; readonly max: number; readonly bound: string; readonly mode: string }>>>;
  readonly probes: { readonly found: number; readonly total: number; readonly missed: readonly string[] };
  readonly pinned: { readonly cases: number; readonly asPinned: number };
  readonly errata: readonly string[];
  /** What failed, for a claim that does not hold: per mode (or pinned case) the failing bounds and the case. */
  readonly failures: readonly {
    readonly mode: string;
    readonly source: 'generated' | 'pinned';
    readonly bounds: readonly SnapshotBound[];
    readonly case?: unknown;
    readonly confirmation?: string;
    readonly note?: string;
  }[];
}

export interface SnapshotAssertion {
  readonly claim: string;
  readonly name: string;
  readonly holds: boolean;
  readonly lhs: number;
  readonly rhs: number;
  readonly note?: string;
}

export interface SnapshotExperiment {
  readonly name: string;
  readonly verdict: string;
  readonly elapsedS: number;
  /** The experiment's seed (its settings'). */
  readonly seed?: number;
  /** The settings and measured lines `muon-claims reproduce` printed for it. */
  readonly lines: readonly string[];
  readonly assertions: readonly SnapshotAssertion[];
}

export interface RunInfo {
  readonly command: string;
  readonly profile?: string;
  readonly seed?: number;
  readonly date: string;
  readonly commit: string;
  /** 'clean', or the files of src/, fixtures/, properties/ that differed from the commit when it ran. */
  readonly worktree: string;
  readonly node: string;
  readonly durationS: number;
  /** The machine's 1-minute load average when the run started, and its cores (wall times depend on both). */
  readonly load: { readonly avg1: number; readonly cores: number };
}

/** The transfer matrix of the check run, as the README quotes it (src/claims/transfer.ts; claims.json has it all). */
export interface SnapshotTransfer {
  readonly variants: readonly { readonly id: string; readonly title: string; readonly precision: string }[];
  readonly budget: string;
  readonly meaning: string;
  readonly summary: ReportTransfer['summary'];
  readonly cells: readonly {
    readonly claim: string;
    readonly variant: string;
    readonly status: string;
    /** The cell in a few words: "✔ 40 cases, slack 0.013", "✘ (35)", "? inconclusive", "–". */
    readonly text: string;
    /** A failing cell: its bounds, its case, and the counterexample file's name (reports/counterexamples/…). */
    readonly failure?: { readonly bounds: readonly SnapshotBound[]; readonly case: unknown; readonly file: string };
    /** Why not applicable, why deep only, or why inconclusive. */
    readonly why?: string;
  }[];
  /** CPU-independent cost: the cells' wall time summed (ms), on the run's machine and load. */
  readonly wallMs: number;
}

/** The snapshot's view of claims.json's transfer matrix. */
export function snapshotTransfer(t: ReportTransfer, describe: (reason: Json) => string): SnapshotTransfer {
  return {
    variants: t.variants.map((v) => ({ id: v.id, title: v.title, precision: v.precision })),
    budget: t.budget,
    meaning: t.meaning,
    summary: t.summary,
    cells: t.cells.map((c) => {
      const f = c.status === 'violated' ? cellFailure(c) : undefined;
      const files = t.counterexampleFiles[`${c.claim}@${c.variant}`] ?? [];
      const why = c.notApplicable ?? c.deepOnly ?? (c.status === 'inconclusive' && c.reason ? describe(c.reason) : undefined);
      return {
        claim: c.claim,
        variant: c.variant,
        status: c.status,
        text: cellShort(c, 40),
        ...(f ? { failure: { bounds: f.bounds.map((b) => ({ name: b.name, lhs: b.lhs, rhs: b.rhs })), case: f.value, file: files[0] ?? '' } } : {}),
        ...(why !== undefined ? { why } : {}),
      };
    }),
    wallMs: t.cells.reduce((n, c) => n + c.timeMs, 0),
  };
}

export interface Snapshot {
  readonly schema: typeof SNAPSHOT_SCHEMA;
  readonly schemaVersion: 1;
  readonly note: string;
  readonly check: RunInfo & {
    readonly complete: boolean;
    readonly summary: { readonly claims: number; readonly holds: number; readonly violated: number; readonly knownErrata: number; readonly inconclusive: number; readonly probes: number; readonly probesFound: number };
    readonly claims: readonly SnapshotClaim[];
    /** The practical-Muon transfer matrix the same check computed (absent in a snapshot written before it existed). */
    readonly transfer?: SnapshotTransfer;
  };
  readonly figures?: RunInfo & { readonly total: string; readonly experiments: readonly SnapshotExperiment[] };
}

export function loadSnapshot(file = SNAPSHOT): Snapshot {
  const s = decodeJson(readFileSync(file, 'utf8')) as Snapshot;
  if (s.schema !== SNAPSHOT_SCHEMA || s.schemaVersion !== 1) throw new Error(`${file}: "schema" must be "${SNAPSHOT_SCHEMA}" version 1`);
  return s;
}

type Baseline = { claims: Record<string, Partial<Record<string, Record<string, { class: BoundClass }>>>> };

function loadBaselineRaw(file = BASELINE): Baseline | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Baseline) : undefined;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

/** Every erratum id a claim's structured reason names (nested through modes). */
function erratumIds(reason: Json, out = new Set<string>()): Set<string> {
  if (!reason || typeof reason !== 'object') return out;
  if (typeof reason.erratum === 'string') out.add(reason.erratum);
  if (reason.reason) erratumIds(reason.reason, out);
  for (const m of reason.modes ?? []) erratumIds(m.reason, out);
  return out;
}

const slackOrder = (a: number, b: number): boolean => a > b || (Number.isNaN(a) && !Number.isNaN(b));

/** The snapshot's view of one claim of claims.json. */
export function snapshotClaim(c: Json, baseline: Baseline | undefined): SnapshotClaim {
  const slack: Partial<Record<BoundClass, { bounds: number; max: number; bound: string; mode: string }>> = {};
  for (const m of c.modes) {
    for (const s of m.slack) {
      const cls: BoundClass = baseline?.claims[c.id]?.[m.mode]?.[s.bound]?.class ?? 'unclassified';
      const e = slack[cls];
      if (!e) slack[cls] = { bounds: 1, max: s.max, bound: s.bound, mode: m.mode };
      else {
        e.bounds++;
        if (slackOrder(s.max, e.max)) Object.assign(e, { max: s.max, bound: s.bound, mode: m.mode });
      }
    }
  }
  const errata = erratumIds(c.reason);
  const failures: SnapshotClaim['failures'][number][] = [];
  if (c.verdict !== 'holds') {
    for (const m of c.modes) {
      const ce = m.counterexample;
      if (!ce || m.verdict === 'holds') continue;
      if (ce.erratum) errata.add(ce.erratum);
      failures.push({
        mode: m.mode,
        source: 'generated',
        bounds: ce.failedBounds.map((b: Json) => ({ name: b.name, lhs: b.lhs, rhs: b.rhs })),
        case: ce.value,
        confirmation: ce.confirmation.verdict,
        ...(ce.confirmation.note ? { note: ce.confirmation.note } : {}),
      });
    }
    for (const g of c.regressions) {
      if (g.status !== 'violated') continue;
      if (g.erratum) errata.add(g.erratum);
      failures.push({ mode: g.mode, source: 'pinned', bounds: g.failedBounds.map((b: Json) => ({ name: b.name, lhs: b.lhs, rhs: b.rhs })), note: g.note });
    }
  }
  return {
    id: c.id,
    verdict: c.verdict,
    reasonCode: c.reason.code,
    modes: c.modes.map((m: Json) => ({ mode: m.mode, verdict: m.verdict, cases: m.cases, requested: m.requestedCases, interrupted: m.interrupted, reasonCode: m.reason.code })),
    slack,
    probes: { found: c.probes.filter((p: Json) => p.found).length, total: c.probes.length, missed: c.probes.filter((p: Json) => !p.found).map((p: Json) => p.id) },
    pinned: { cases: c.regressions.length, asPinned: c.regressions.filter((g: Json) => g.status === g.expect).length },
    errata: [...errata],
    failures,
  };
}

/** The lines `muon-claims reproduce` printed per experiment (settings, measured numbers), and its last line. */
export function parseReproduceLog(log: string): { perExperiment: Record<string, { elapsedS: number; lines: string[] }>; total: string } {
  const out: Record<string, { elapsedS: number; lines: string[] }> = {};
  let current: string[] | undefined;
  let total = '';
  for (const line of log.split('\n')) {
    const done = /^\[\d+\/\d+\] (\w+): done in ([\d.]+) s/.exec(line);
    if (done) {
      current = [];
      out[done[1]!] = { elapsedS: Number(done[2]), lines: current };
      continue;
    }
    if (current && line.startsWith('  ')) {
      if (!/^ {2}(holds|VIOLATED) /.test(line)) current.push(line.slice(2));
      continue;
    }
    current = undefined;
    if (/^\d+ experiments?, /.test(line)) total = line;
  }
  return { perExperiment: out, total };
}

function git(args: string[], cwd = ROOT): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

function worktreeState(): string {
  const st = git(['status', '--porcelain', '--', 'src', 'fixtures', 'properties']);
  if (st === undefined) return 'unknown (no git)';
  const files = st.split('\n').filter(Boolean).map((l) => l.slice(3));
  return files.length === 0 ? 'clean' : `modified: ${files.join(', ')}`;
}

/** Runs the CLI (in `cwd`), echoing its output; returns stdout. Exit 0 and 1 are runs (1: a violation); others fail. */
function cli(cwd: string, args: string[]): { stdout: string; status: number; seconds: number } {
  const started = Date.now();
  console.log(`readme: node bin/muon-claims.mjs ${args.join(' ')}   (in ${cwd})`);
  const r = spawnSync(process.execPath, ['bin/muon-claims.mjs', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  process.stdout.write(r.stdout ?? '');
  if (r.status !== 0 && r.status !== 1) throw new Error(`muon-claims ${args[0]} exited with ${r.status ?? r.signal}`);
  return { stdout: r.stdout ?? '', status: r.status, seconds: (Date.now() - started) / 1000 };
}

/** Runs check and/or reproduce and writes docs/verdicts.json (keeping the part not re-run). */
export function refreshSnapshot(o: { check: boolean; figures: boolean; seed?: number; clean: boolean }): void {
  const tmp = mkdtempSync(join(tmpdir(), 'muon-readme-'));
  try {
    let cwd = ROOT;
    let worktree = worktreeState();
    const commit = git(['rev-parse', 'HEAD']) ?? 'unknown';
    if (o.clean) {
      cwd = join(tmp, 'head');
      execFileSync('bash', ['-c', `mkdir -p "${cwd}" && git archive HEAD | tar -x -C "${cwd}"`], { cwd: ROOT, stdio: 'inherit' });
      symlinkSync(join(ROOT, 'node_modules'), join(cwd, 'node_modules'));
      worktree = 'clean (git archive of the commit)';
    }
    const load = { avg1: Math.round(loadavg()[0]! * 100) / 100, cores: availableParallelism() };
    const date = new Date().toISOString().slice(0, 10);
    const old = existsSync(SNAPSHOT) ? loadSnapshot() : undefined;
    let check = old?.check;
    let figures = old?.figures;
    if (o.check) {
      const out = join(tmp, 'report');
      const args = ['check', '--profile', 'default', ...(o.seed !== undefined ? ['--seed', String(o.seed)] : []), '--out', out];
      const r = cli(cwd, args);
      const report = decodeJson(readFileSync(join(out, 'claims.json'), 'utf8')) as Json;
      const baseline = loadBaselineRaw(join(cwd, 'fixtures', 'slack-baseline.json'));
      check = {
        command: `muon-claims check --profile default --seed ${report.run.seed}`,
        profile: report.run.profile,
        seed: report.run.seed,
        date,
        commit,
        worktree,
        node: report.node,
        durationS: Math.round(r.seconds),
        load,
        complete: report.complete,
        summary: report.summary,
        claims: report.claims.map((c: Json) => snapshotClaim(c, baseline)),
        ...(report.transfer ? { transfer: snapshotTransfer(report.transfer, describeReason) } : {}),
      };
    }
    if (o.figures) {
      const out = join(tmp, 'figures');
      const r = cli(cwd, ['reproduce', 'all', '--out', out]);
      const { perExperiment, total } = parseReproduceLog(r.stdout);
      const experiments: SnapshotExperiment[] = [];
      for (const name of ['fig1', 'fig2', 'fig3', 'table1']) {
        const data = decodeJson(readFileSync(join(out, `${name}.json`), 'utf8')) as Json;
        const printed = perExperiment[name];
        if (!printed || printed.lines.length === 0) throw new Error(`readme: no settings lines for ${name} in the output of reproduce (its format changed? see parseReproduceLog)`);
        experiments.push({
          name,
          verdict: data.verdict,
          elapsedS: printed.elapsedS,
          ...(typeof data.settings?.seed === 'number' ? { seed: data.settings.seed } : {}),
          lines: printed.lines.map((l) => l.replaceAll(out, 'reports/figures')),
          assertions: data.assertions.map((a: Json) => ({ claim: a.claim, name: a.name, holds: a.holds, lhs: a.lhs, rhs: a.rhs, ...(a.tolerance ? { note: a.tolerance } : {}) })),
        });
      }
      figures = { command: 'muon-claims reproduce all', date, commit, worktree, node: process.version, durationS: Math.round(r.seconds), load, total, experiments };
    }
    if (!check) throw new Error('readme: no check run in docs/verdicts.json yet: run npm run readme -- --run');
    const snapshot: Snapshot = {
      schema: SNAPSHOT_SCHEMA,
      schemaVersion: 1,
      note: 'Written by `npm run readme -- --run` (scripts/readme.ts) from a default-profile `muon-claims check` and `muon-claims reproduce all`; README.md quotes its numbers. Do not edit by hand.',
      check,
      ...(figures ? { figures } : {}),
    };
    writeFileSync(SNAPSHOT, `${encodeJson(snapshot, 1)}\n`);
    console.log(`readme: wrote ${relative(ROOT, SNAPSHOT)}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering

/** A table cell: no line breaks, `|` and `*` escaped (M* and ‖·‖_* would otherwise pair up as emphasis). */
export const cell = (s: string): string => s.replace(/\s*\n\s*/g, ' ').replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\*/g, '\\*');

const PAPERS: Readonly<Record<string, string>> = { A: 'A', B: 'B' };

/** A case as `key = value, …`: numbers to the digits that tell them apart, matrices by their size. */
export function caseText(v: unknown, depth = 0): string {
  if (typeof v === 'number') return num(v);
  if (typeof v === 'string') return /^[-+]?\d/.test(v) && !Number.isNaN(Number(v)) ? num(Number(v)) : v;
  if (v === null || v === undefined || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.length <= 4 && depth < 2 ? `(${v.map((x) => caseText(x, depth + 1)).join(', ')})` : `(${v.length} values)`;
  const o = v as Record<string, unknown>;
  if (typeof o.rows === 'number' && typeof o.cols === 'number' && Array.isArray(o.data)) return o.rows * o.cols === 1 ? `(${caseText(o.data[0], depth + 1)})` : `${o.rows}×${o.cols} matrix`;
  if (depth >= 2) return '…';
  const inner = Object.entries(o).map(([k, x]) => `${k} = ${caseText(x, depth + 1)}`).join(', ');
  return depth === 0 ? inner : `(${inner})`;
}

const modeList = (c: Claim<unknown>): string => c.modes.map((m) => `${m} (${c.fields?.[m] ?? (m === 'float' ? 'float64' : 'decimal')})`).join(', ');

export function renderClaims(claims: readonly Claim<unknown>[]): string {
  const rows = claims.map((c) => {
    const s = c.source;
    const where = `${PAPERS[s.paper] ?? s.paper}: ${s.where}`;
    return `| [**${c.id}**](docs/catalogue.md#${c.id}) | ${cell(c.title)} | ${c.provenance} | ${cell(where)} | ${cell(modeList(c))} | [\`${c.id}.ts\`](src/claims/catalogue/${c.id}.ts) | [\`${c.id}.test.ts\`](properties/${c.id}.test.ts) |`;
  });
  return [
    `${claims.length} claims, in the registry's order (\`src/claims/registry.ts\`). The id links the claim's entry in the catalogue ([\`docs/catalogue.md\`](docs/catalogue.md)); "where" is the paper's lemma, theorem or figure; the check is \`src/claims/catalogue/<id>.ts\` and its property file \`properties/<id>.test.ts\`.`,
    '',
    '| id | claim | provenance | where (paper A or B) | modes (field) | check | property |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

const VERDICT_MARK: Readonly<Record<string, string>> = { holds: '✔ holds', violated: '✘ violated', 'violated (known erratum)': '! violated (known erratum)', inconclusive: '? inconclusive' };

function casesCell(c: SnapshotClaim): string {
  return c.modes.map((m) => `${m.mode} ${m.cases < m.requested ? `${m.cases} of ${m.requested}` : m.cases}`).join(', ');
}

function slackCell(c: SnapshotClaim, cls: BoundClass): string {
  const e = c.slack[cls];
  return e ? `${num(e.max)} (${e.bounds})` : '—';
}

const boundText = (b: SnapshotBound): string => `${b.name}: ${num(b.lhs)} > ${num(b.rhs)}`;

/** Why a claim does not hold, from the snapshot's facts. */
export function whyText(c: SnapshotClaim): string {
  if (c.verdict === 'holds') return '';
  const parts: string[] = [];
  if (c.errata.length) parts.push(`erratum ${c.errata.join(', ')}`);
  const pinned = c.failures.filter((f) => f.source === 'pinned');
  if (pinned.length) {
    const bounds = [...new Set(pinned.flatMap((f) => f.bounds.map((b) => b.name)))];
    parts.push(`${pinned.length} pinned witness${pinned.length === 1 ? '' : 'es'} fail${pinned.length === 1 ? 's' : ''} ${bounds.join(' and ')} as recorded`);
  }
  for (const f of c.failures.filter((x) => x.source === 'generated')) {
    const conf = f.confirmation && f.confirmation !== 'confirmed' ? ` — ${f.note ?? f.confirmation}` : '';
    parts.push(`${f.mode}: ${f.bounds.map(boundText).join('; ')}${f.case !== undefined ? ` at ${caseText(f.case)}` : ''}${conf}`);
  }
  if (parts.length === 0) parts.push(c.reasonCode);
  return parts.join('; ');
}

export function renderVerdicts(s: Snapshot): string {
  const ck = s.check;
  const rows = ck.claims.map((c) => {
    const probes = c.probes.total === 0 ? '—' : `${c.probes.found} of ${c.probes.total}${c.probes.missed.length ? ` (missed: ${c.probes.missed.join(', ')})` : ''}`;
    return `| ${c.id} | ${VERDICT_MARK[c.verdict] ?? c.verdict} | ${casesCell(c)} | ${BOUND_CLASSES.map((k) => slackCell(c, k)).join(' | ')} | ${probes} | ${cell(whyText(c))} |`;
  });
  return [
    `From \`${ck.command}\` at commit \`${ck.commit.slice(0, 7)}\` on ${ck.date} (${ck.worktree === 'clean' || ck.worktree.startsWith('clean') ? 'clean tree' : `working tree ${ck.worktree}`}; Node ${ck.node}; ${ck.complete ? 'complete' : 'INCOMPLETE'} run, ${ck.durationS} s wall on a ${ck.load.cores}-core machine at load ${ck.load.avg1}), recorded in [\`docs/verdicts.json\`](docs/verdicts.json). Cases: per mode, the random cases that ran (a run stops at the first failure). Slack: the largest lhs/rhs over the run's cases, per bound class of \`fixtures/slack-baseline.json\` (the number of bounds in brackets; "unclassified": bounds the baseline does not hold, such as the open experiments'). Probes: necessity probes that found their counterexample.`,
    '',
    '| id | verdict | cases | tight | loose | identity | unclassified | probes found | why not "holds" |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

export function renderSummary(s: Snapshot): string {
  const ck = s.check;
  const by = (v: string): string[] => ck.claims.filter((c) => c.verdict === v).map((c) => c.id);
  const parts = [`**${ck.summary.holds} hold**`];
  const list = (ids: string[]): string => ids.join(', ');
  if (ck.summary.violated) parts.push(`**${ck.summary.violated} violated** (${list(by('violated'))})`);
  if (ck.summary.knownErrata) parts.push(`${ck.summary.knownErrata} violated as a recorded erratum (${list(by('violated (known erratum)'))})`);
  if (ck.summary.inconclusive) parts.push(`${ck.summary.inconclusive} inconclusive (${list(by('inconclusive'))})`);
  const last = parts.pop()!;
  return `**Status.** ${ck.summary.claims} claims: ${parts.length ? `${parts.join(', ')} and ${last}` : last}; ${ck.summary.probesFound} of ${ck.summary.probes} necessity probes found their counterexample — \`${ck.command}\` at commit \`${ck.commit.slice(0, 7)}\`, ${ck.date} (the verdict table below; [\`docs/verdicts.json\`](docs/verdicts.json)).`;
}

export function renderFigures(s: Snapshot): string {
  const f = s.figures;
  if (!f) return '_No `reproduce` run recorded in docs/verdicts.json: `npm run readme -- --run-figures`._';
  const title: Readonly<Record<string, string>> = { fig1: 'Fig. 1', fig2: 'Fig. 2', fig3: 'Fig. 3', table1: 'Table 1' };
  const out = [
    `From \`${f.command}\` at commit \`${f.commit.slice(0, 7)}\` on ${f.date} (${f.worktree.startsWith('clean') ? 'clean tree' : `working tree ${f.worktree}`}; a ${f.load.cores}-core machine at load ${f.load.avg1}, so wall times are the loaded machine's): ${f.total}`,
  ];
  for (const e of f.experiments) {
    out.push('', `**${title[e.name] ?? e.name}** (\`reproduce ${e.name}\`${e.seed !== undefined ? `, seed ${e.seed}` : ''}, ${e.elapsedS} s wall): ${e.verdict === 'holds' ? 'every assertion holds' : `${e.assertions.filter((a) => !a.holds).length} of ${e.assertions.length} assertions violated`}.`, '', '```', ...e.lines, '```', '');
    out.push('| claim | assertion | verdict | measured |', '|---|---|---|---|');
    for (const a of e.assertions) out.push(`| ${a.claim} | ${cell(a.name)} | ${a.holds ? 'holds' : '**violated**'} | ${cell(a.note ?? `${num(a.lhs)} vs ${num(a.rhs)}`)} |`);
  }
  return out.join('\n');
}

/** The transfer-matrix region: claims × variants of the snapshot's check run, its failing cells with their cases. */
export function renderTransfer(s: Snapshot): string {
  const t = s.check.transfer;
  if (!t) return '_No transfer matrix in docs/verdicts.json yet: `npm run readme -- --run-check` records the one `muon-claims check` computes._';
  const ids = [...new Set(t.cells.map((c) => c.claim))];
  const rows = ids.filter((id) => t.cells.some((c) => c.claim === id && c.status !== 'not applicable'));
  const none = ids.filter((id) => !rows.includes(id));
  const at = (claim: string, variant: string) => t.cells.find((c) => c.claim === claim && c.variant === variant);
  const sm = t.summary;
  const out = [
    `From the same \`${s.check.command}\` (commit \`${s.check.commit.slice(0, 7)}\`, ${s.check.date}): every claim whose float check calls msign (or Muon) run under each practical variant — its cases drawn from the same seed as the claim's own run, ${t.budget}. ${sm.cells} cells: **${sm.holds} hold, ${sm.violated} violated**, ${sm.inconclusive} inconclusive, ${sm.notApplicable} not applicable${sm.deepOnly ? `, ${sm.deepOnly} deep only` : ''}; the cells took ${Math.round(t.wallMs / 1000)} s of the run's wall time. **A violated cell is ${t.meaning}.** A violated cell's counterexample is shrunk, confirmed in the variant's terms (a bf16 failure by re-running the same bf16 computation, a float64 one with the variant's Newton–Schulz at higher precision) and holds with the reference msign; \`npx muon-claims replay reports/counterexamples/<file>\` re-runs it with its variant, \`muon-claims pin\` pins it with its variant.`,
    '',
    `| claim | ${t.variants.map((v) => `${v.id} (${v.precision})`).join(' | ')} |`,
    `|---|${t.variants.map(() => '---').join('|')}|`,
    ...rows.map((id) => `| ${id} | ${t.variants.map((v) => cell(at(id, v.id)?.text ?? CELL_MARK['not applicable'])).join(' | ')} |`),
    '',
    `Variants: ${t.variants.map((v) => `**${v.id}** — ${cell(v.title)}`).join('; ')}.`,
  ];
  if (none.length) out.push('', `Not applicable to any variant (exact mode only, or the check never calls the Impl's msign or Muon): ${none.join(', ')}.`);
  const deep = [...new Map(t.cells.filter((c) => c.status === 'deep only' && c.why).map((c) => [c.claim, c.why!])).entries()];
  for (const [claim, why] of deep) out.push('', `${claim}: deep only (\`--profile deep\`) — ${why}.`);
  const failing = t.cells.filter((c) => c.failure);
  if (failing.length) {
    out.push('', '| claim × variant | failing bound (lhs > rhs) | shrunk case | counterexample file |', '|---|---|---|---|');
    for (const c of failing) out.push(`| ${c.claim} × ${c.variant} | ${cell(c.failure!.bounds.map(boundText).join('; '))} | ${cell(caseText(c.failure!.case))} | \`${c.failure!.file}\` |`);
  }
  const unsettled = t.cells.filter((c) => c.status === 'inconclusive');
  if (unsettled.length) out.push('', `Inconclusive cells: ${unsettled.map((c) => `${c.claim} × ${c.variant} (${c.why ?? 'no reason'})`).join('; ')}.`);
  return out.join('\n');
}

interface Erratum {
  id: string;
  claim: string;
  bound: string;
  kind: string;
  witness: unknown;
}

function findingsDocs(): { file: string; title: string }[] {
  if (!existsSync(FINDINGS)) return [];
  return readdirSync(FINDINGS)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => {
      const first = readFileSync(join(FINDINGS, f), 'utf8').split('\n').find((l) => l.startsWith('# '));
      return { file: `docs/findings/${f}`, title: first ? first.slice(2).trim() : f };
    });
}

export function renderFindings(s: Snapshot): string {
  const errata = (JSON.parse(readFileSync(ERRATA, 'utf8')) as { errata: Erratum[] }).errata;
  const pinned: { claim: string; mode: string; expect: string; note: string }[] = [];
  for (const f of readdirSync(REGRESSIONS).filter((x) => x.endsWith('.json')).sort()) {
    const r = JSON.parse(readFileSync(join(REGRESSIONS, f), 'utf8')) as { claim: string; cases: { mode: string; expect: string; note: string; variant?: string }[] };
    // A case pinned from a transfer-matrix cell replays under its variant: the mode column says which.
    for (const c of r.cases) pinned.push({ claim: r.claim, mode: c.variant ? `${c.mode} under ${c.variant}` : c.mode, expect: c.expect, note: c.note });
  }
  const out: string[] = [];
  out.push('**Recorded errata** (`fixtures/errata.json`; a violation they cover is reported "violated (known erratum)", any other fails CI):', '');
  out.push('| erratum | claim | bound | kind | witness |', '|---|---|---|---|---|');
  for (const e of errata) out.push(`| ${e.id} | ${e.claim} | ${cell(e.bound)} | ${e.kind} | ${cell(caseText(e.witness))} |`);
  out.push('', `**Pinned cases** (\`fixtures/regressions/\`, replayed first on every run; "violated": an erratum's witness, "holds": a defect of ours, fixed, kept as a test):`, '');
  out.push('| claim | mode | expect | what it is |', '|---|---|---|---|');
  for (const p of pinned) out.push(`| ${p.claim} | ${p.mode} | ${p.expect} | ${cell(p.note)} |`);
  const unsettled = s.check.claims.filter((c) => c.verdict !== 'holds' && c.verdict !== 'violated (known erratum)');
  const violatedFigures = (s.figures?.experiments ?? []).flatMap((e) => e.assertions.filter((a) => !a.holds).map((a) => ({ e, a })));
  out.push('', `**Left unsettled by the run of \`docs/verdicts.json\`** (${s.check.profile} profile, seed ${s.check.seed}; a float-only failure that exact arithmetic cannot re-check is inconclusive, never a violation):`, '');
  if (unsettled.length === 0 && violatedFigures.length === 0) out.push('* nothing: every claim holds or is a recorded erratum, and every figure assertion holds.');
  for (const c of unsettled) out.push(`* **${c.id}** ${c.verdict} (${casesCell(c)} cases): ${whyText(c)}.`);
  for (const { e, a } of violatedFigures) out.push(`* \`reproduce ${e.name}\`, ${a.claim}: "${a.name}" violated${a.note ? ` (${a.note})` : ''}.`);
  const docs = findingsDocs();
  out.push('', '**Findings documents** (`docs/findings/`: each states its region, its numbers and the commands that produce them):', '');
  if (docs.length === 0) out.push('* none yet.');
  for (const d of docs) out.push(`* [${d.title}](${d.file})`);
  return out.join('\n');
}

const PROFILE_USE: Readonly<Record<string, string>> = {
  quick: 'seconds per claim, while editing (`npm run check:quick`, `npm run test:quick`); no coverage or slack-band gate',
  default: '`npm test`, `npm run check` and CI; the slack baseline was measured in it',
  deep: 'nightly, split over machines (`--shard i/n`, the deep CI workflow)',
};

export function renderProfiles(claims: readonly Claim<unknown>[]): string {
  const rows = PROFILES.map((p) => {
    const float = claims.reduce((n, c) => n + (c.modes.includes('float') ? (c.cases[p].float ?? 0) : 0), 0);
    const exact = claims.reduce((n, c) => n + (c.modes.includes('exact') ? (c.cases[p].exact ?? 0) : 0), 0);
    const b = TARGET_BUDGET[p];
    const search = b.perMode === 0 ? 'off' : `${b.perBound} per bound, ${b.perMode} per mode`;
    return `| \`${p}\` | ${float} float + ${exact} exact | ${TIME_LIMIT_MS[p] / 1000} s | ${search} | ${PROFILE_USE[p] ?? ''} |`;
  });
  return [
    `Cases summed over the ${claims.length} claims of the registry (each claim's \`cases\` per profile and mode; a probe's runs come on top); the time limit is per claim (\`TIME_LIMIT_MS\` in \`src/claims/engine.ts\`), the search budget the target phase's (\`TARGET_BUDGET\` in \`src/claims/phases/target.ts\`, for claims that declare \`search\`).`,
    '',
    '| profile | random cases | time limit per claim | target search | use |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

export function renderCli(): string {
  return ['```', mainHelp(version()), '```', '', ...COMMANDS.flatMap((c) => [`\`muon-claims ${c.name} --help\`:`, '', '```', helpText(c), '```', ''])].join('\n').trimEnd();
}

// ---------------------------------------------------------------------------------------------------------------
// docs/catalogue.md from ../shared/spec/claims.md

const CATALOGUE_HEAD = `# The claims catalogue

<!-- Generated by \`npm run readme\` (scripts/readme.ts) from the project's catalogue (../shared/spec/claims.md, which a
clone of this repository does not have): edit that file, not this copy. -->

Every claim that muon-claims checks, with its id, source, provenance, statement, hypotheses, how it is checked, and
which hypothesis, when dropped, must produce a counterexample. The check of claim \`<id>\` is
\`src/claims/catalogue/<id>.ts\`, run by \`properties/<id>.test.ts\`; the README's claims table links each entry below.
Statements are as catalogued: where a check found one wrong, \`fixtures/errata.json\` records it (README, "Findings").

Papers:
* **A** — Ma, Huang, Chi, Chen, "Preconditioning Benefits of Spectral Orthogonalization in Muon", arXiv:2601.13474.
* **B** — Shen, Huang, Huang, Shen, Zhang, "On the Convergence Analysis of Muon", arXiv:2505.23737.

Equation, lemma and slide numbers refer to paper A's full text and talk slides and to the versions v1/v2 of paper B.

`;

/**
 * docs/catalogue.md from the spec's text: its own header, the spec from "Provenance" to its end (the second wave
 * included), an anchor per id — first-wave entries open with "**A.L2 — …", second-wave ones are bullets
 * "* **A.L17, A.L18** — …" (a range "A.L5–L7" anchors A.L5, A.L6 and A.L7).
 */
export function catalogueFrom(spec: string): string {
  const start = spec.indexOf('Provenance, which every report must show');
  const wave = spec.indexOf('## Second wave');
  if (start < 0 || wave < 0) throw new Error(`${SPEC}: the catalogue's layout changed (no "Provenance, which every report must show" or "## Second wave"): update catalogueFrom in scripts/readme.ts`);
  const anchors = (ids: string): string =>
    ids
      .split(/ \/ |, /)
      .flatMap((id) => {
        const range = /^([AB])\.L(\d+)–L(\d+)$/.exec(id);
        if (!range) return [id];
        return Array.from({ length: Number(range[3]) - Number(range[2]) + 1 }, (_, i) => `${range[1]}.L${Number(range[2]) + i}`).concat(id);
      })
      .map((id) => `<a id="${id}"></a>`)
      .join('');
  const body = spec
    .slice(start)
    .trimEnd()
    .split('\n')
    .map((line) => {
      const first = /^\*\*((?:[AB]\.\w+)(?: \/ [AB]\.\w+)*) — /.exec(line);
      if (first) return `${anchors(first[1]!)}${line}`;
      const second = /^\* \*\*((?:[AB]\.[\w–]+)(?:, [AB]\.[\w–]+)*)\*\* — /.exec(line);
      return second ? `${anchors(second[1]!)}${line}` : line;
    })
    .join('\n');
  return `${CATALOGUE_HEAD}${body}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Regions

export const REGION_SOURCES: Readonly<Record<string, string>> = {
  summary: 'docs/verdicts.json',
  claims: 'src/claims/registry.ts',
  profiles: 'src/claims/registry.ts, src/claims/engine.ts, src/claims/phases/target.ts',
  verdicts: 'docs/verdicts.json',
  findings: 'fixtures/errata.json, fixtures/regressions/, docs/verdicts.json, docs/findings/',
  figures: 'docs/verdicts.json',
  cli: 'src/cli/commands.ts',
  transfer: 'docs/verdicts.json (the transfer matrix of its check run)',
};

/**
 * Regions a README may not hold yet: skipped (and named by `npm run readme`) while neither of their markers is there,
 * strict like the others once both are.
 */
export const NEW_REGIONS: readonly string[] = ['transfer'];

const placed = (text: string, name: string): boolean => text.includes(open(name)) || text.includes(close(name));

/** Every region's generated text, from the registry, the snapshot and the files named in REGION_SOURCES. */
export function renderRegions(snapshot: Snapshot = loadSnapshot(), claims: readonly Claim<unknown>[] = registry): Record<string, string> {
  return {
    summary: renderSummary(snapshot),
    claims: renderClaims(claims),
    profiles: renderProfiles(claims),
    verdicts: renderVerdicts(snapshot),
    findings: renderFindings(snapshot),
    figures: renderFigures(snapshot),
    cli: renderCli(),
    transfer: renderTransfer(snapshot),
  };
}

const open = (name: string): string => `<!-- generated:${name} -->`;
const close = (name: string): string => `<!-- /generated:${name} -->`;
const NOTE = (name: string): string => `<!-- npm run readme writes this region from ${REGION_SOURCES[name] ?? 'its source'}; edits here are overwritten -->`;

/** The README with every region's content replaced. Throws when a region's markers are missing or repeated. */
export function applyRegions(text: string, regions: Record<string, string>): string {
  let out = text;
  for (const [name, body] of Object.entries(regions)) {
    if (NEW_REGIONS.includes(name) && !placed(out, name)) continue; // not placed yet: npm run readme names it
    const a = out.split(open(name)).length - 1;
    const b = out.split(close(name)).length - 1;
    if (a !== 1 || b !== 1) throw new Error(`README.md: region "${name}" needs exactly one ${open(name)} and one ${close(name)} (found ${a} and ${b})`);
    const i = out.indexOf(open(name)) + open(name).length;
    const j = out.indexOf(close(name));
    if (j < i) throw new Error(`README.md: ${close(name)} comes before ${open(name)}`);
    out = `${out.slice(0, i)}\n${NOTE(name)}\n${body}\n${out.slice(j)}`;
  }
  return out;
}

/** The content of one region as it stands in `text` (undefined when its markers are missing). */
export function regionOf(text: string, name: string): string | undefined {
  const i = text.indexOf(open(name));
  const j = text.indexOf(close(name));
  return i < 0 || j < i ? undefined : text.slice(i + open(name).length, j);
}

/** A line diff (LCS): lines only in `a` as "- ", only in `b` as "+ ", with up to two lines of context around each change. */
export function lineDiff(a: string, b: string): string[] {
  const x = a.split('\n');
  const y = b.split('\n');
  const n = x.length;
  const m = y.length;
  const L: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i]![j] = x[i] === y[j] ? L[i + 1]![j + 1]! + 1 : Math.max(L[i + 1]![j]!, L[i]![j + 1]!);
  const ops: [' ' | '-' | '+', string][] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      ops.push([' ', x[i]!]);
      i++;
      j++;
    } else if (i < n && (j === m || L[i + 1]![j]! >= L[i]![j + 1]!)) ops.push(['-', x[i++]!]);
    else ops.push(['+', y[j++]!]);
  }
  const keep = ops.map((_, k) => ops.slice(Math.max(0, k - 2), k + 3).some(([t]) => t !== ' '));
  const out: string[] = [];
  ops.forEach(([t, l], k) => {
    if (keep[k]) out.push(`${t} ${l}`);
    else if (keep[k - 1]) out.push('  …');
  });
  return out;
}

export interface Drift {
  readonly file: string;
  readonly region?: string;
  readonly source?: string;
  readonly diff: readonly string[];
}

/** What `npm run readme` would change: per README region (and docs/catalogue.md), the line diff. [] when none. */
export function drift(readme = readFileSync(README, 'utf8'), regions = renderRegions()): Drift[] {
  const out: Drift[] = [];
  const expected = applyRegions(readme, regions);
  for (const name of Object.keys(regions)) {
    const now = regionOf(readme, name)!;
    const want = regionOf(expected, name)!;
    if (now !== want) out.push({ file: 'README.md', region: name, source: REGION_SOURCES[name], diff: lineDiff(now.trim(), want.trim()) });
  }
  if (existsSync(SPEC)) {
    const want = catalogueFrom(readFileSync(SPEC, 'utf8'));
    const now = existsSync(CATALOGUE) ? readFileSync(CATALOGUE, 'utf8') : '';
    if (now !== want) out.push({ file: 'docs/catalogue.md', source: '../shared/spec/claims.md', diff: lineDiff(now, want) });
  }
  return out;
}

export function describeDrift(d: readonly Drift[]): string {
  return d
    .map((x) => [`${x.file}${x.region ? `, region "${x.region}"` : ''} differs from what ${x.source ?? 'its source'} give${x.source?.includes(',') ? '' : 's'} (- now, + generated):`, ...x.diff.map((l) => `    ${l}`)].join('\n'))
    .join('\n\n');
}

function main(argv: readonly string[]): number {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      check: { type: 'boolean' },
      run: { type: 'boolean' },
      'run-check': { type: 'boolean' },
      'run-figures': { type: 'boolean' },
      seed: { type: 'string' },
      clean: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 29).map((l) => l.replace(/^ \* ?/, '')).join('\n'));
    return 0;
  }
  if (values.check) {
    const d = drift();
    if (d.length === 0) {
      console.log('readme: README.md and docs/catalogue.md are up to date with their sources');
      return 0;
    }
    console.log(describeDrift(d));
    console.log('\nreadme: drift found; `npm run readme` rewrites the generated regions (after `-- --run` when a claim or figure changed)');
    return 1;
  }
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed <= 2 ** 31 - 1)) {
    console.error('readme: --seed must be an integer in [0, 2^31 − 1]');
    return 2;
  }
  if (values.run || values['run-check'] || values['run-figures']) {
    refreshSnapshot({ check: !!(values.run || values['run-check']), figures: !!(values.run || values['run-figures']), ...(seed !== undefined ? { seed } : {}), clean: !!values.clean });
  }
  if (existsSync(SPEC)) {
    writeFileSync(CATALOGUE, catalogueFrom(readFileSync(SPEC, 'utf8')));
    console.log(`readme: wrote ${relative(ROOT, CATALOGUE)} from ${SPEC}`);
  }
  const text = readFileSync(README, 'utf8');
  for (const name of NEW_REGIONS) if (!placed(text, name)) console.log(`readme: README.md has no "${name}" region yet; put ${open(name)} and ${close(name)} where it belongs and run npm run readme again`);
  const next = applyRegions(text, renderRegions());
  if (next !== text) writeFileSync(README, next);
  console.log(`readme: ${next === text ? 'README.md already up to date' : 'rewrote the generated regions of README.md'}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
