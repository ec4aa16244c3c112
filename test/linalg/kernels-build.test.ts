/**
 * The committed WebAssembly module (src/linalg/fast/kernels-wasm.ts) is the AssemblyScript compiler's output for the
 * committed source (asm/kernels.ts): rebuilding gives the same bytes. A change to the kernels' source without
 * `npm run build:kernels` (or a hand-edited module) fails here.
 */
import { describe, expect, it } from 'vitest';
import { compileKernels, moduleText } from '../../asm/build.mjs';
import { KERNELS_WASM_BASE64 } from '../../src/linalg/fast/kernels-wasm.ts';
import { readFileSync } from 'node:fs';

describe('the compiled kernels', () => {
  it('rebuilding asm/kernels.ts gives byte-identical output', async () => {
    const bytes: Uint8Array = await compileKernels();
    expect(Buffer.from(bytes).toString('base64')).toBe(KERNELS_WASM_BASE64);
    expect(moduleText(bytes)).toBe(readFileSync(new URL('../../src/linalg/fast/kernels-wasm.ts', import.meta.url), 'utf8'));
  }, 60_000);
});
