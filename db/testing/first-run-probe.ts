// Run by db/first-run.spec.ts from a copy of the project in a private folder: starts a throw-away
// embedded PostgreSQL as `npm test` and `npm start` do, asks it for its version, stops it, and prints
// what it saw as one JSON line.
import pg from 'pg';
import { startPostgres } from '../postgres-server.ts';

const logs: string[] = [];
const server = await startPostgres({ instance: 'test', databaseUrl: null, log: (line) => logs.push(line) });
const client = new pg.Client({ connectionString: server.serverUrl });
await client.connect();
const { rows } = await client.query<{ version: string }>('SELECT version()');
await client.end();
await server.stop();
process.stdout.write(`${JSON.stringify({ version: rows[0]!.version, description: server.description, logs })}\n`);
