/**
 * A minimal WebAssembly assembler: just enough of the binary format (one exported memory, functions with i32/f64/
 * v128 locals, structured loops, f64 and f64x2 arithmetic) to write the float64 kernels of wasm-kernels.ts in
 * TypeScript, without a toolchain or a binary blob in the repository. Every instruction is a byte array; code is
 * built by concatenation. Opcodes: WebAssembly core spec 2.0, §5.4 (instructions) and the fixed-width SIMD proposal
 * (prefix 0xFD).
 */

export type Code = number[];

export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof F64 | typeof V128;

export function uleb(n: number): Code {
  const out: Code = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

export function sleb(n: number): Code {
  const out: Code = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/** Concatenates code fragments and single opcodes. */
export function cat(...parts: (Code | number)[]): Code {
  const out: Code = [];
  for (const p of parts) {
    if (typeof p === 'number') out.push(p);
    else for (const b of p) out.push(b);
  }
  return out;
}

// ---- control flow
export const block = (body: Code): Code => cat(0x02, 0x40, body, 0x0b);
export const loop = (body: Code): Code => cat(0x03, 0x40, body, 0x0b);
export const ifThen = (cond: Code, then: Code): Code => cat(cond, 0x04, 0x40, then, 0x0b);
export const ifElse = (cond: Code, then: Code, otherwise: Code): Code => cat(cond, 0x04, 0x40, then, 0x05, otherwise, 0x0b);
export const br = (depth: number): Code => cat(0x0c, uleb(depth));
export const brIf = (depth: number): Code => cat(0x0d, uleb(depth));
export const ret: Code = [0x0f];
/** call of the function with index `i` (its position in the module). */
export const call = (i: number): Code => cat(0x10, uleb(i));

// ---- i32
export const i32c = (v: number): Code => cat(0x41, sleb(v));
export const i32add: Code = [0x6a];
export const i32sub: Code = [0x6b];
export const i32mul: Code = [0x6c];
export const i32and: Code = [0x71];
export const i32or: Code = [0x72];
export const i32shl: Code = [0x74];
export const i32eqz: Code = [0x45];
export const i32ltS: Code = [0x48];
export const i32geS: Code = [0x4e];

// ---- f64 (memarg: alignment exponent 3, then offset)
export const f64c = (v: number): Code => {
  const b = new Uint8Array(new Float64Array([v]).buffer);
  return cat(0x44, Array.from(b));
};
export const f64load = (offset = 0): Code => cat(0x2b, 3, uleb(offset));
export const f64store = (offset = 0): Code => cat(0x39, 3, uleb(offset));
export const f64add: Code = [0xa0];
export const f64sub: Code = [0xa1];
export const f64mul: Code = [0xa2];
export const f64div: Code = [0xa3];
export const f64abs: Code = [0x99];
export const f64sqrt: Code = [0x9f];
/** f64.max: NaN in either operand gives NaN. */
export const f64max: Code = [0xa5];
export const f64eq: Code = [0x61];
export const f64lt: Code = [0x63];
export const f64gt: Code = [0x64];
export const f64le: Code = [0x65];
/** select: [a, b, cond] → cond ≠ 0 ? a : b. */
export const select: Code = [0x1b];
export const i32truncF64S: Code = [0xaa];
export const f64convertI32S: Code = [0xb7];

// ---- f64x2 (SIMD prefix 0xFD, opcode as unsigned LEB128)
const simd = (op: number): Code => cat(0xfd, uleb(op));
export const v128load = (offset = 0): Code => cat(simd(0x00), 3, uleb(offset));
export const v128store = (offset = 0): Code => cat(simd(0x0b), 3, uleb(offset));
export const v128zero: Code = cat(simd(0x0c), new Array<number>(16).fill(0));
export const f64x2splat: Code = simd(0x14);
export const f64x2lane = (lane: 0 | 1): Code => cat(simd(0x21), lane);
export const f64x2add: Code = simd(0xf0);
export const f64x2sub: Code = simd(0xf1);
export const f64x2mul: Code = simd(0xf2);
export const f64x2abs: Code = simd(0xec);
/** f64x2.pmax: b < a ? a : b lane-wise (one maxpd; NaN is not propagated, unlike f64x2.max). */
export const f64x2pmax: Code = simd(0xf7);

/** A function under construction: named parameters and locals. */
export class Fn {
  private readonly names = new Map<string, number>();
  private readonly paramTypes: ValType[] = [];
  private readonly localTypes: ValType[] = [];

  constructor(
    readonly name: string,
    params: readonly (readonly [string, ValType])[],
    readonly result: ValType | null = null,
  ) {
    for (const [n, t] of params) {
      this.names.set(n, this.paramTypes.length);
      this.paramTypes.push(t);
    }
  }

  /** Declares locals of one type (idempotent per name). */
  locals(type: ValType, ...names: string[]): this {
    for (const n of names) {
      if (this.names.has(n)) continue;
      this.names.set(n, this.paramTypes.length + this.localTypes.length);
      this.localTypes.push(type);
    }
    return this;
  }

  private idx(n: string): number {
    const i = this.names.get(n);
    if (i === undefined) throw new Error(`wasm-asm: ${this.name} has no local ${n}`);
    return i;
  }

  get = (n: string): Code => cat(0x20, uleb(this.idx(n)));
  set = (n: string): Code => cat(0x21, uleb(this.idx(n)));
  tee = (n: string): Code => cat(0x22, uleb(this.idx(n)));

  /** for (v = from; v < to; v += step) body — `to` is re-evaluated each iteration (keep it a local or constant). */
  forUp(v: string, from: Code, to: Code, step: number, body: Code): Code {
    return cat(from, this.set(v), block(loop(cat(this.get(v), to, i32geS, brIf(1), body, this.get(v), i32c(step), i32add, this.set(v), br(0)))));
  }

  /** for (v = from; v >= to; v -= step) body. */
  forDown(v: string, from: Code, to: Code, step: number, body: Code): Code {
    return cat(from, this.set(v), block(loop(cat(this.get(v), to, i32ltS, brIf(1), body, this.get(v), i32c(step), i32sub, this.set(v), br(0)))));
  }

  /** base + (index << 3): the byte address of element `index` of an f64 array at byte offset `base`. */
  at(base: string, index: Code): Code {
    return cat(this.get(base), index, i32c(3), i32shl, i32add);
  }

  encode(body: Code): { type: Code; code: Code } {
    const type = cat(0x60, uleb(this.paramTypes.length), this.paramTypes, this.result === null ? [0] : [1, this.result]);
    const locals = cat(uleb(this.localTypes.length), ...this.localTypes.map((t) => [1, t]));
    const fn = cat(locals, body, 0x0b);
    return { type, code: cat(uleb(fn.length), fn) };
  }
}

/** A module with one exported memory "mem" (initial `pages` × 64 KiB) and the given exported functions. */
export function assemble(functions: readonly { fn: Fn; body: Code }[], pages: number): Uint8Array<ArrayBuffer> {
  const str = (s: string): Code => cat(uleb(s.length), Array.from(s, (c) => c.charCodeAt(0)));
  const section = (id: number, content: Code): Code => cat(id, uleb(content.length), content);
  const vec = (items: readonly Code[]): Code => cat(uleb(items.length), ...items);
  const enc = functions.map(({ fn, body }) => fn.encode(body));
  const types = vec(enc.map((e) => e.type));
  const funcs = vec(enc.map((_, i) => uleb(i)));
  const memory = vec([cat(0x00, uleb(pages))]);
  const exports = vec([...functions.map(({ fn }, i) => cat(str(fn.name), 0x00, uleb(i))), cat(str('mem'), 0x02, 0)]);
  const code = vec(enc.map((e) => e.code));
  return new Uint8Array(
    cat([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], section(1, types), section(3, funcs), section(5, memory), section(7, exports), section(10, code)),
  );
}
