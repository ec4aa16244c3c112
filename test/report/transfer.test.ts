import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import msign from '../../src/claims/catalogue/B.msign.ts';
import NS5 from '../../src/claims/catalogue/B.NS5.ts';
import { runClaim } from '../../src/claims/engine.ts';
import { FINDING_NOT_ERRATUM, runMatrix, TRANSFER_CASES } from '../../src/claims/transfer.ts';
import type { Claim } from '../../src/claims/types.ts';
import { ns5Float64 } from '../../src/impl/variants.ts';
import { renderHtml } from '../../src/report/html.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { buildReport, cellCounterexamples, counterexampleFile, counterexampleFileName } from '../../src/report/report.ts';
import { toReportCell } from '../../src/report/schema.ts';
import { matrixText } from '../../src/report/transfer.ts';
import { encodeJson } from '../../src/util/json.ts';
import { describeReason } from '../../src/report/reasons.ts';
import { applyRegions, renderTransfer, snapshotTransfer, type Snapshot } from '../../scripts/readme.ts';

/*
 * The transfer matrix in the report: claims.json's `transfer` against the published schema, the counterexample file of
 * a failing cell (with its variant) against its schema, and the matrix in claims.md, index.html and the terminal, each
 * saying what a failing cell is. One cheap real cell fails (B.msign under NS5: ⟨G, NS5(G)⟩ ≠ ‖G‖_*) and one is not
 * applicable (B.NS5 checks NS5 itself, not the Impl's msign).
 */

const ajv = new Ajv2020({ allErrors: true, strict: true });
const load = (name: string): object => JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8'));
const validateReport = ajv.compile(load('claims-report.schema.json'));
const validateCounterexample = ajv.compile(load('counterexample.schema.json'));
const errors = (v: { errors?: unknown }): string => JSON.stringify(v.errors ?? [], null, 1).slice(0, 2000);

describe('the transfer matrix in claims.json, claims.md, index.html and the terminal', () => {
  const claims = [msign, NS5] as Claim<unknown>[];
  const seed = 20260123;
  const results = claims.map((c) => runClaim(c, { profile: 'quick', seed, probes: false, modes: [] }));
  const cells = runMatrix(claims, [ns5Float64], { seed, profile: 'quick' }).map(toReportCell);
  const variants = [{ id: ns5Float64.id, title: ns5Float64.title, what: ns5Float64.what, precision: ns5Float64.precision }];
  const report = buildReport(results, { profile: 'quick', seed, modes: ['float'], frontEnd: 'cli' }, new Date(0), [], { variants, budget: TRANSFER_CASES.quick.text, meaning: FINDING_NOT_ERRATUM, cells });
  const json = JSON.parse(encodeJson(report));

  it('one violated cell (B.msign under ns5-5) and one not applicable (B.NS5); the summary counts them', () => {
    expect(cells.map((c) => `${c.claim}:${c.status}`)).toEqual(['B.msign:violated', 'B.NS5:not applicable']);
    expect(report.transfer!.summary).toEqual({ cells: 2, holds: 0, violated: 1, inconclusive: 0, notApplicable: 1, deepOnly: 0 });
    expect(cells[0]!.referenceOnCounterexample).toBe('holds');
    expect(cells[0]!.float!.counterexample!.confirmation.verdict).toBe('confirmed');
    expect(cells[1]!.notApplicable).toMatch(/never calls the Impl's msign/);
  });

  it('claims.json validates, and the schema refuses a cell without its reason or with an unknown status', () => {
    expect(validateReport(json), errors(validateReport)).toBe(true);
    const noWhy = structuredClone(json);
    delete noWhy.transfer.cells[1].notApplicable;
    expect(validateReport(noWhy)).toBe(false);
    const noRun = structuredClone(json);
    delete noRun.transfer.cells[0].float;
    expect(validateReport(noRun)).toBe(false);
    const bad = structuredClone(json);
    bad.transfer.cells[0].status = 'violated (known erratum)';
    expect(validateReport(bad)).toBe(false);
  });

  it("the failing cell's counterexample file carries its variant and validates", () => {
    const files = report.transfer!.counterexampleFiles['B.msign@ns5-5']!;
    expect(files).toHaveLength(1);
    const [{ ce }] = cellCounterexamples(report.transfer!.cells[0]!, seed) as [{ ce: Parameters<typeof counterexampleFile>[1] }];
    expect(files[0]).toBe(counterexampleFileName('B.msign', ce.value, 'ns5-5'));
    const file = JSON.parse(encodeJson(counterexampleFile(report.claims[0]!, ce, files[0]!, 'reports', undefined, undefined, 'ns5-5')));
    expect(file.variant).toBe('ns5-5');
    expect(file.verdicts.confirmation).toBe('violated (confirmed)');
    expect(validateCounterexample(file), errors(validateCounterexample)).toBe(true);
  });

  it('claims.md, index.html and the terminal show the matrix and say a failing cell is not an erratum of the paper', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('## Practical Muon: the transfer matrix');
    expect(md).toContain('| claim | ns5-5 (float64) |');
    expect(md).toContain('not an erratum of the paper');
    expect(md).toContain('Not applicable to any variant (exact mode only, or the check never calls msign): B.NS5.');
    const html = renderHtml(report);
    expect(html).toContain('<section id="transfer">');
    expect(html).toContain(`counterexamples/${report.transfer!.counterexampleFiles['B.msign@ns5-5']![0]}`);
    expect(html).toContain('not an erratum of the paper');
    const text = matrixText(report.transfer!);
    expect(text).toMatch(/B\.msign\s+✘ ⟨G, msign G⟩ = ‖G‖_\*/);
    expect(text).toContain('— npx muon-claims replay reports/counterexamples/B.msign@ns5-5-');
    expect(text).toContain(`A violated cell is ${FINDING_NOT_ERRATUM}.`);
  });

  it("the README's transfer region: from the snapshot of the check run, and left alone until its markers are placed", () => {
    const t = snapshotTransfer(JSON.parse(encodeJson(report.transfer)), describeReason);
    expect(t.cells.map((c) => c.text)).toEqual([expect.stringMatching(/^✘ ⟨G, msign G⟩ = ‖G‖_\*$/), '–']);
    expect(t.cells[0]!.failure!.file).toBe(report.transfer!.counterexampleFiles['B.msign@ns5-5']![0]);
    const snapshot = { check: { command: 'muon-claims check --profile quick', commit: '0123456789abcdef', date: '2026-12-05', transfer: t } } as unknown as Snapshot;
    const region = renderTransfer(snapshot);
    expect(region).toContain('| claim | ns5-5 (float64) |');
    expect(region).toContain(`**A violated cell is ${FINDING_NOT_ERRATUM}.**`);
    expect(region).toContain('| B.msign × ns5-5 |');
    const readme = 'intro\n';
    expect(applyRegions(readme, { transfer: region })).toBe(readme);
    const placed = applyRegions('a\n<!-- generated:transfer -->\n<!-- /generated:transfer -->\nb\n', { transfer: region });
    expect(placed).toContain('| B.msign × ns5-5 |');
    expect(() => applyRegions('a\n<!-- generated:transfer -->\n', { transfer: region })).toThrow(/region "transfer"/);
  });
});
