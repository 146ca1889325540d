// A stand-in for Prisma's native `schema-engine` binary, run by Prisma's CLI through
// PRISMA_SCHEMA_ENGINE_BINARY (see use-offline-engine.ts). It speaks the binary's interface:
//   --version | --datamodels <path>... --datasource <json> [cli <command>] | JSON-RPC 2.0 on stdin/stdout
// and does the work with @prisma/schema-engine-wasm, the same engine compiled to WebAssembly.
// Written here because no npm package ships the native engine or such a bridge.
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { runCliCommand, UserFacingError } from './cli-commands.ts';
import { OfflinePgAdapterFactory } from './pg-adapter.ts';
import { loadSchemaEngineWasm, type SchemaEngine } from './wasm-engine.ts';

interface Arguments {
  version: boolean;
  datamodels: string[];
  datasource: { url?: string; shadowDatabaseUrl?: string } | undefined;
  cliCommand: string | undefined;
}

function parseArguments(argv: string[]): Arguments {
  const parsed: Arguments = { version: false, datamodels: [], datasource: undefined, cliCommand: undefined };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--version' || argument === '-V') parsed.version = true;
    else if (argument === '--datamodels') parsed.datamodels.push(argv[++i] ?? '');
    else if (argument === '--datasource') parsed.datasource = JSON.parse(argv[++i] ?? '{}') as Arguments['datasource'];
    else if (argument === 'cli') parsed.cliCommand = argv[++i];
    // --enabled-preview-features and --extension-types take a value the WASM engine has no use for.
    else if (argument === '--enabled-preview-features' || argument === '--extension-types') i++;
  }
  return parsed;
}

function writeLine(stream: NodeJS.WriteStream, value: unknown): void {
  stream.write(`${typeof value === 'string' ? value : JSON.stringify(value)}\n`);
}

function logLine(level: 'INFO' | 'ERROR', fields: Record<string, unknown>): string {
  return JSON.stringify({ level, target: 'schema_engine::logger', fields });
}

async function runCli(command: string, url: string | undefined): Promise<never> {
  try {
    await runCliCommand(command, url);
    process.exit(0);
  } catch (error) {
    const fields =
      error instanceof UserFacingError
        ? { error_code: error.errorCode, message: error.message }
        : { message: (error as Error).message };
    // The CLI skips the first stderr line and parses the rest as JSON lines.
    process.stderr.write(
      `${logLine('INFO', { message: `schema engine cli ${command}` })}\n${logLine('ERROR', fields)}`,
    );
    process.exit(1);
  }
}

type RpcRequest = { jsonrpc: '2.0'; id: number | string; method: string; params?: Record<string, unknown> };
type RpcResponse = { jsonrpc: '2.0'; id: number | string; result?: unknown; error?: unknown };

class JsonRpcServer {
  private nextOutgoingId = 1;
  private readonly pendingOutgoing = new Map<number, () => void>();

  constructor(private readonly engine: SchemaEngine) {}

  listen(): void {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    lines.on('line', (line) => {
      if (line.trim() === '') return;
      const message = JSON.parse(line) as RpcRequest | RpcResponse;
      if ('method' in message) void this.handle(message);
      else this.pendingOutgoing.get(Number(message.id))?.();
    });
    // The CLI ends a session by closing our stdin.
    lines.on('close', () => process.exit(0));
  }

  /** Asks the CLI to print text, as the native engine does for `migrate diff`. */
  private print(content: string): Promise<void> {
    const id = this.nextOutgoingId++;
    return new Promise((resolve) => {
      this.pendingOutgoing.set(id, () => {
        this.pendingOutgoing.delete(id);
        resolve();
      });
      writeLine(process.stdout, {
        jsonrpc: '2.0',
        id,
        method: 'print',
        params: { content: content.replace(/\n$/, '') },
      });
    });
  }

  private async handle(request: RpcRequest): Promise<void> {
    try {
      const result = await this.dispatch(request.method, request.params ?? {});
      writeLine(process.stdout, { jsonrpc: '2.0', id: request.id, result: result ?? {} });
    } catch (error) {
      const panic = error instanceof WebAssembly.RuntimeError;
      writeLine(process.stdout, { jsonrpc: '2.0', id: request.id, error: rpcError(error, panic) });
      if (panic) process.exit(101); // the engine's memory cannot be trusted after a trap
    }
  }

  private async dispatch(method: string, params: Record<string, unknown>): Promise<unknown> {
    const engine = this.engine as unknown as Record<string, (input: unknown) => Promise<unknown>>;
    switch (method) {
      case 'getDatabaseVersion':
        return this.engine.version(params as never);
      case 'diff': {
        const result = await this.engine.diff(params as never);
        if (result.stdout) await this.print(result.stdout);
        return { exitCode: result.exitCode, stdout: null };
      }
      case 'evaluateDataLoss':
        try {
          return await this.engine.evaluateDataLoss(params as never);
        } catch (error) {
          // After `migrate dev` applied pending migrations the engine loses its shadow database
          // connection; a devDiagnostic over the same migrations restores it.
          if (!/shadow DB must be provided/i.test((error as Error).message)) throw error;
          await this.engine.devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters } as never);
          return this.engine.evaluateDataLoss(params as never);
        }
      default: {
        const handler = engine[method];
        if (typeof handler !== 'function') throw new Error(`The schema engine has no method ${method}`);
        return handler.call(this.engine, params);
      }
    }
  }
}

function rpcError(error: unknown, isPanic: boolean): Record<string, unknown> {
  const { message, code, meta } = error as { message?: string; code?: unknown; meta?: unknown };
  const errorCode = typeof code === 'string' && /^P\d{4}$/.test(code) ? code : undefined;
  return {
    code: 4466,
    message: 'An error happened. Check the data field for details.',
    data: {
      is_panic: isPanic,
      message: message ?? String(error),
      ...(errorCode ? { error_code: errorCode, meta: meta ?? {} } : {}),
      ...(isPanic ? { error: { message } } : {}),
    },
  };
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const wasm = await loadSchemaEngineWasm();
  if (args.version) {
    writeLine(process.stdout, `schema-engine-cli ${wasm.version()}`);
    return;
  }
  if (args.cliCommand) return runCli(args.cliCommand, args.datasource?.url);

  const datamodels = await Promise.all(
    args.datamodels.map(async (path): Promise<[string, string]> => [path, await readFile(path, 'utf8')]),
  );
  // Without a datasource there is nothing to connect to; commands that need a database then fail
  // with the engine's own connection error, as with the native binary.
  const url = args.datasource?.url ?? 'postgresql://localhost:1/no_datasource';
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(
    new OfflinePgAdapterFactory(url, args.datasource?.shadowDatabaseUrl),
  );
  const engine = await wasm.SchemaEngine.new(
    { datamodels: datamodels.length > 0 ? datamodels : undefined },
    (log: string) => writeLine(process.stderr, log),
    adapterFactory,
  );
  new JsonRpcServer(engine).listen();
}

await main();
