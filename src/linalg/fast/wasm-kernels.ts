import type { Kernels } from './kernels.ts';
import { KERNELS_WASM_BASE64 } from './kernels-wasm.ts';

/**
 * The float64 hot loops as WebAssembly with 128-bit SIMD (two doubles per instruction), written in AssemblyScript
 * (asm/kernels.ts, where each kernel is documented) and compiled by `npm run build:kernels` into kernels-wasm.ts. V8
 * compiles them to packed SSE2/AVX code; on this machine kind the dot-product tile runs at about 7 multiply-adds per
 * ns against 1.7 for the best plain-JS loop (kernels.ts), which is what keeps a 100×100 Muon step near
 * NumPy/LAPACK speed.
 *
 * The plain-JS twins in kernels.ts are the specification (and the fallback, MUON_FAST_JS=1);
 * test/linalg/fast-kernels.test.ts checks each kernel here against its twin.
 */

/** The compiled module's bytes (exported for the tests: WebAssembly.validate, the rebuild check). */
export function kernelModuleBytes(): Uint8Array<ArrayBuffer> {
  const buf = Buffer.from(KERNELS_WASM_BASE64, 'base64');
  const out = new Uint8Array(new ArrayBuffer(buf.length));
  out.set(buf);
  return out;
}

/** Instantiates the module: its kernels and memory, or null where WebAssembly SIMD is unavailable. */
export function instantiateWasmKernels(bytes: Uint8Array<ArrayBuffer> = kernelModuleBytes()): { kernels: Kernels; memory: WebAssembly.Memory } | null {
  if (typeof WebAssembly !== 'object') return null;
  try {
    if (!WebAssembly.validate(bytes)) return null;
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    const ex = inst.exports as unknown as Kernels & { memory: WebAssembly.Memory };
    const kernels: Kernels = { nt: ex.nt, rotq: ex.rotq, symv: ex.symv, rank2: ex.rank2, accum: ex.accum, tr: ex.tr, jsweep: ex.jsweep, scan: ex.scan, ql: ex.ql, maxabs: ex.maxabs, nn: ex.nn, eig: ex.eig };
    return { kernels, memory: ex.memory };
  } catch {
    return null;
  }
}
