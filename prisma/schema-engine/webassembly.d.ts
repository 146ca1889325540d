// The few WebAssembly globals the stand-in engine uses. Node has them at run time; @types/node 20 does
// not declare them (TypeScript's are in lib.dom, which this project does not include).
declare namespace WebAssembly {
  type Exports = Record<string, unknown>;
  type ModuleImports = Record<string, unknown>;
  interface Instance {
    readonly exports: Exports;
  }
  function instantiate(
    bytes: Uint8Array,
    imports?: Record<string, ModuleImports>,
  ): Promise<{ instance: Instance; module: unknown }>;
  class RuntimeError extends Error {}
}
