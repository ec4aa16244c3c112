/** FNV-1a of `${seed}:${id}:${mode}`: each claim, mode and probe gets its own stream, stable across runs. */
export function seedFor(seed: number, id: string, mode: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${seed}:${id}:${mode}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h & 0x7fffffff;
}
