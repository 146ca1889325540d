// Loads @prisma/schema-engine-wasm by hand: its entry point imports the .wasm file as an ES module,
// which Node 20 cannot do without a flag.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';

export type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';

interface WasmBindgenGlue {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
}

let loaded: Promise<typeof bindings> | undefined;

export function loadSchemaEngineWasm(): Promise<typeof bindings> {
  loaded ??= (async () => {
    const bindingsPath = fileURLToPath(import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const bytes = await readFile(join(dirname(bindingsPath), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, {
      './schema_engine_bg.js': bindings as unknown as WebAssembly.ModuleImports,
    });
    (bindings as unknown as WasmBindgenGlue).__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return loaded;
}
