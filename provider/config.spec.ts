import { expect } from 'chai';
import { DEFAULT_POOL_SETTINGS } from '../db/database-pool.ts';
import { loadBackendConfig } from './config.ts';

describe('backend configuration', () => {
  it('the database pool and its limits default to DEFAULT_POOL_SETTINGS', () => {
    expect(loadBackendConfig({}).database).to.deep.equal(DEFAULT_POOL_SETTINGS);
  });

  it('reads the pool size, queue and timeouts from the environment', () => {
    const config = loadBackendConfig({
      DB_POOL_SIZE: '4',
      DB_POOL_MAX_WAITING: '50',
      DB_ACQUIRE_TIMEOUT_MS: '750',
      DB_CONNECT_TIMEOUT_MS: '900',
      DB_STATEMENT_TIMEOUT_MS: '1500',
    });
    expect(config.database).to.deep.equal({
      poolSize: 4,
      maxWaiting: 50,
      acquireTimeoutMs: 750,
      connectTimeoutMs: 900,
      statementTimeoutMs: 1500,
    });
  });

  it('serves at most 128 requests at once unless MAX_CONCURRENT_REQUESTS says otherwise', () => {
    expect(loadBackendConfig({}).maxConcurrentRequests).to.equal(128);
    expect(loadBackendConfig({ MAX_CONCURRENT_REQUESTS: '32' }).maxConcurrentRequests).to.equal(32);
    expect(() => loadBackendConfig({ MAX_CONCURRENT_REQUESTS: '0' })).to.throw(/MAX_CONCURRENT_REQUESTS/);
  });

  it('refuses a pool of none and timeouts that are not positive, naming each variable', () => {
    expect(() =>
      loadBackendConfig({ DB_POOL_SIZE: '0', DB_STATEMENT_TIMEOUT_MS: '-1', DB_ACQUIRE_TIMEOUT_MS: 'x' }),
    ).to.throw(/Invalid backend configuration: .*DB_POOL_SIZE.*DB_ACQUIRE_TIMEOUT_MS.*DB_STATEMENT_TIMEOUT_MS/);
  });
});
