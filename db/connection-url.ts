// Helpers for PostgreSQL connection URLs: one server, many databases.

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** The database named in a URL (the path), or undefined when there is none. */
export function databaseOf(url: string): string | undefined {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  return name === '' ? undefined : name;
}

/** A URL safe to print: the password replaced. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** PostgreSQL identifiers we create are lower-case words; anything else is refused rather than quoted. */
export function assertSafeDatabaseName(name: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`Refusing unusual database name ${JSON.stringify(name)}`);
  }
}
