// PostgreSQL that cannot be had: each failure is one line saying what failed and what to do.
import { createServer, type Server } from 'node:net';
import { expect } from 'chai';
import { StartupError } from '../common/process/startup-error.ts';
import { devPort, startPostgres } from './postgres-server.ts';
import { testServerInfo } from './testing/test-server.ts';

async function failureOf(start: Promise<unknown>): Promise<Error> {
  const outcome = await start.then(
    () => new Error('expected the start to fail, and it did not'),
    (error: unknown) => error as Error,
  );
  expect(outcome).to.be.instanceOf(StartupError, String(outcome.stack));
  expect(outcome.stack, 'one line, no stack trace').to.equal(outcome.message).and.not.contain('\n');
  return outcome;
}

describe('starting PostgreSQL when it cannot be had', function () {
  this.timeout(60_000);

  describe('when the embedded PostgreSQL port is in use', () => {
    let holder: Server;
    let port: number;

    before(async () => {
      holder = createServer();
      await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
      port = (holder.address() as { port: number }).port;
    });

    after(() => new Promise<void>((resolve) => holder.close(() => resolve())));

    it('says the port is in use and what to do', async () => {
      const error = await failureOf(startPostgres({ instance: 'test', databaseUrl: null, name: 'port_in_use', port }));
      expect(error.message).to.equal(
        `embedded PostgreSQL could not start: port ${port} on 127.0.0.1 is in use: stop what listens there, ` +
          'or set DATABASE_URL to use a PostgreSQL server of your own',
      );
    });
  });

  it('when the server of DATABASE_URL cannot be reached, says so without its password', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const error = await failureOf(
      startPostgres({ instance: 'dev', databaseUrl: `postgresql://app:s3cret@127.0.0.1:${port}/autofighter` }),
    );
    expect(error.message).to.equal(
      `the PostgreSQL server of DATABASE_URL (postgresql://app:***@127.0.0.1:${port}/autofighter) cannot be reached ` +
        `(connect ECONNREFUSED 127.0.0.1:${port}): start that server or correct DATABASE_URL, ` +
        'or unset it to use the embedded PostgreSQL',
    );
  });

  it('when DATABASE_URL is not a URL, says so', async () => {
    const error = await failureOf(startPostgres({ instance: 'dev', databaseUrl: 'the database on localhost' }));
    expect(error.message).to.match(
      /^the PostgreSQL server of DATABASE_URL \(a value that is not a URL\) cannot be reached/,
    );
  });

  it('EMBEDDED_PG_PORT must be a port: 54329 when unset or empty, a number from 1 to 65535 otherwise', () => {
    expect(devPort(undefined)).to.equal(54329);
    expect(devPort('')).to.equal(54329);
    expect(devPort('55000')).to.equal(55000);
    for (const bad of ['0', '65536', 'abc', '5432.5']) {
      expect(() => devPort(bad), bad).to.throw(
        StartupError,
        /^EMBEDDED_PG_PORT must be a port number from 1 to 65535, not "/,
      );
    }
  });

  it('when the server of DATABASE_URL refuses its credentials, says it refuses the connection', async function () {
    // The run's own embedded server checks passwords; a server given by DATABASE_URL may trust anyone.
    if (process.env.DATABASE_URL) this.skip();
    const { serverUrl } = testServerInfo();
    const wrongPassword = new URL(serverUrl);
    wrongPassword.password = 'not-the-password';
    const error = await failureOf(startPostgres({ instance: 'dev', databaseUrl: wrongPassword.toString() }));
    expect(error.message).to.match(
      /^the PostgreSQL server of DATABASE_URL \(postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+/,
    );
    expect(error.message).to.contain(
      ') refuses the connection (28P01: password authentication failed for user "postgres")',
    );
  });
});
