// What the mocha global setup tells the test processes (its workers inherit the environment).
export const TEST_SERVER_URL_VARIABLE = 'AUTOFIGHTER_TEST_PG_URL';
export const TEST_PREFIX_VARIABLE = 'AUTOFIGHTER_TEST_DB_PREFIX';

export interface TestServerInfo {
  serverUrl: string;
  prefix: string;
}

export function testServerInfo(): TestServerInfo {
  const serverUrl = process.env[TEST_SERVER_URL_VARIABLE];
  const prefix = process.env[TEST_PREFIX_VARIABLE];
  if (!serverUrl || !prefix) {
    throw new Error('No test PostgreSQL: run tests through mocha (npm test), whose global setup starts it.');
  }
  return { serverUrl, prefix };
}

export function templateName(prefix: string, kind: string): string {
  return `${prefix}_${kind}_template`;
}
