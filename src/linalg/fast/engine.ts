import { arrayHeap, Heap, jsKernels, type Kernels } from './kernels.ts';
import { instantiateWasmKernels } from './wasm-kernels.ts';

/** Kernels plus the scratch heap they address. */
export interface Engine {
  readonly name: 'wasm-simd' | 'js';
  readonly K: Kernels;
  readonly heap: Heap;
}

function makeWasmEngine(): Engine | null {
  const w = instantiateWasmKernels();
  if (w === null) return null;
  const { memory } = w;
  const heap = new Heap(
    () => memory.buffer,
    (bytes) => {
      memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536) + 16);
    },
  );
  return { name: 'wasm-simd', K: w.kernels, heap };
}

function makeJsEngine(): Engine {
  const heap = arrayHeap();
  return { name: 'js', K: jsKernels(heap), heap };
}

/** WebAssembly SIMD kernels (null where unavailable). */
export const wasmEngine: Engine | null = makeWasmEngine();
/** The plain-JS kernels. */
export const jsEngine: Engine = makeJsEngine();
/** What fastFloat uses: WASM SIMD unless unavailable or MUON_FAST_JS=1 is set. */
export const defaultEngine: Engine = process.env.MUON_FAST_JS === '1' || wasmEngine === null ? jsEngine : wasmEngine;
