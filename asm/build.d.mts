/** Types of asm/build.mjs (the kernels' build script), for the TypeScript tests that import it. */
export declare const SOURCE: string;
export declare const OUTPUT: string;
export declare const OPTIONS: readonly string[];
/** Compiles asm/kernels.ts; resolves to the module's bytes. */
export declare function compileKernels(): Promise<Uint8Array>;
/** The TypeScript module (kernels-wasm.ts) that carries `bytes`. */
export declare function moduleText(bytes: Uint8Array): string;
