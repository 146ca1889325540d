import { expect } from 'chai';
import { loadBrokerConfig } from './config.ts';
import { unusedReferenceVariables, withoutClientVariables } from './reference-aliases.ts';
import { webhookTargetPolicy } from './services.ts';
import { deliveryJobOptions } from './webhooks/delivery-queue.ts';

describe('broker configuration', () => {
  it('with nothing set: the defaults (main-branch rules on, as in the Pact Broker; private webhook targets refused)', () => {
    const config = loadBrokerConfig({});
    expect(config).to.deep.include({ port: 9292, logLevel: 'info', webhookAllowPrivateAddresses: false });
    expect(config.branches).to.deep.equal({
      autoDetectMainBranch: true,
      mainBranchCandidates: ['develop', 'main', 'master'],
      useFirstTagAsBranch: true,
      useFirstTagAsBranchTimeLimitSeconds: 10,
      createDeployedVersionsForTags: true,
    });
    expect(config).to.not.have.property('databaseUrl');
  });

  it('the database pool: bounded by default, each limit settable; a limit of 0 ms is refused', () => {
    expect(loadBrokerConfig({}).database).to.deep.equal({
      poolSize: 10,
      maxWaiting: 128,
      acquireTimeoutMs: 2000,
      connectTimeoutMs: 5000,
      statementTimeoutMs: 5000,
    });
    const set = loadBrokerConfig({
      BROKER_DB_POOL_SIZE: '4',
      BROKER_DB_POOL_MAX_WAITING: '0',
      BROKER_DB_ACQUIRE_TIMEOUT_MS: '300',
      BROKER_DB_CONNECT_TIMEOUT_MS: '1000',
      BROKER_DB_STATEMENT_TIMEOUT_MS: '15000',
    });
    expect(set.database).to.deep.equal({
      poolSize: 4,
      maxWaiting: 0,
      acquireTimeoutMs: 300,
      connectTimeoutMs: 1000,
      statementTimeoutMs: 15000,
    });
    expect(() => loadBrokerConfig({ BROKER_DB_STATEMENT_TIMEOUT_MS: '0' })).to.throw(/BROKER_DB_STATEMENT_TIMEOUT_MS/);
  });

  it("handing a dead broker's deliveries on: production timings by default, each settable; an expiry within the timeout is refused", () => {
    const defaults = loadBrokerConfig({});
    expect(defaults.webhookQueue).to.deep.equal({ maintenanceIntervalSeconds: 120, redeliveryDelaySeconds: 30 });
    expect(deliveryJobOptions(defaults)).to.deep.equal({ retryLimit: 3, retryDelay: 30, expireInSeconds: 60 });
    expect(deliveryJobOptions(loadBrokerConfig({ BROKER_WEBHOOK_TIMEOUT_SECONDS: '5' })).expireInSeconds).to.equal(40);
    const set = loadBrokerConfig({
      BROKER_WEBHOOK_TIMEOUT_SECONDS: '2',
      BROKER_WEBHOOK_JOB_EXPIRY_SECONDS: '3',
      BROKER_WEBHOOK_QUEUE_MAINTENANCE_SECONDS: '1',
      BROKER_WEBHOOK_REDELIVERY_DELAY_SECONDS: '0',
    });
    expect(deliveryJobOptions(set)).to.deep.equal({ retryLimit: 3, retryDelay: 0, expireInSeconds: 3 });
    expect(set.webhookQueue.maintenanceIntervalSeconds).to.equal(1);
    expect(() =>
      loadBrokerConfig({ BROKER_WEBHOOK_TIMEOUT_SECONDS: '15', BROKER_WEBHOOK_JOB_EXPIRY_SECONDS: '15' }),
    ).to.throw(/BROKER_WEBHOOK_JOB_EXPIRY_SECONDS must be longer than BROKER_WEBHOOK_TIMEOUT_SECONDS/);
    expect(() => loadBrokerConfig({ BROKER_WEBHOOK_QUEUE_MAINTENANCE_SECONDS: '0' })).to.throw(
      /BROKER_WEBHOOK_QUEUE_MAINTENANCE_SECONDS/,
    );
  });

  it("the Pact Broker's pool variables: max connections as is, its timeouts from seconds into milliseconds", () => {
    const env = {
      PACT_BROKER_DATABASE_MAX_CONNECTIONS: '7',
      PACT_BROKER_DATABASE_POOL_TIMEOUT: '5',
      PACT_BROKER_DATABASE_STATEMENT_TIMEOUT: '15',
    };
    expect(loadBrokerConfig(env).database).to.deep.include({
      poolSize: 7,
      acquireTimeoutMs: 5000,
      statementTimeoutMs: 15000,
    });
    expect(unusedReferenceVariables(env)).to.deep.equal([]);
    expect(() => loadBrokerConfig({ PACT_BROKER_DATABASE_STATEMENT_TIMEOUT: 'soon' })).to.throw(
      /PACT_BROKER_DATABASE_STATEMENT_TIMEOUT \(read as BROKER_DB_STATEMENT_TIMEOUT_MS\)/,
    );
  });

  describe("the Pact Broker's PACT_BROKER_* variables", () => {
    it('are read as our variables: port, base URL, log level, auth, public read and badges', () => {
      const config = loadBrokerConfig({
        PACT_BROKER_PORT: '9393',
        PACT_BROKER_BASE_URL: 'https://pact.example.com/',
        PACT_BROKER_LOG_LEVEL: 'WARN',
        PACT_BROKER_BASIC_AUTH_USERNAME: 'ci',
        PACT_BROKER_BASIC_AUTH_PASSWORD: 'secret',
        PACT_BROKER_BASIC_AUTH_READ_ONLY_USERNAME: 'dev',
        PACT_BROKER_BASIC_AUTH_READ_ONLY_PASSWORD: 'read',
        PACT_BROKER_ALLOW_PUBLIC_READ: 'true',
        PACT_BROKER_ENABLE_PUBLIC_BADGE_ACCESS: 'true',
        PACT_BROKER_ALLOW_DANGEROUS_CONTRACT_MODIFICATION: 'true',
      });
      expect(config).to.deep.include({
        port: 9393,
        baseUrl: 'https://pact.example.com',
        logLevel: 'warn',
        publicBadgeAccess: true,
        allowDangerousContractModification: true,
      });
      expect(config.auth).to.deep.include({
        readWrite: { username: 'ci', password: 'secret' },
        readOnly: { username: 'dev', password: 'read' },
        allowPublicRead: true,
      });
    });

    it('the database, as one URL or in parts (with the SSL mode)', () => {
      expect(loadBrokerConfig({ PACT_BROKER_DATABASE_URL: 'postgres://u:p@db/broker' }).databaseUrl).to.equal(
        'postgres://u:p@db/broker',
      );
      const parts = loadBrokerConfig({
        PACT_BROKER_DATABASE_USERNAME: 'pact broker',
        PACT_BROKER_DATABASE_PASSWORD: 'p@ss',
        PACT_BROKER_DATABASE_HOST: 'postgres',
        PACT_BROKER_DATABASE_PORT: '5433',
        PACT_BROKER_DATABASE_NAME: 'pact_broker',
        PACT_BROKER_DATABASE_SSLMODE: 'require',
      });
      expect(parts.databaseUrl).to.equal('postgres://pact%20broker:p%40ss@postgres:5433/pact_broker?sslmode=require');
    });

    it('the main-branch and tag rules, with space-separated lists', () => {
      const config = loadBrokerConfig({
        PACT_BROKER_AUTO_DETECT_MAIN_BRANCH: 'false',
        PACT_BROKER_MAIN_BRANCH_CANDIDATES: 'trunk  main',
        PACT_BROKER_USE_FIRST_TAG_AS_BRANCH: 'false',
        PACT_BROKER_USE_FIRST_TAG_AS_BRANCH_TIME_LIMIT: '30',
        PACT_BROKER_CREATE_DEPLOYED_VERSIONS_FOR_TAGS: 'false',
      });
      expect(config.branches).to.deep.equal({
        autoDetectMainBranch: false,
        mainBranchCandidates: ['trunk', 'main'],
        useFirstTagAsBranch: false,
        useFirstTagAsBranchTimeLimitSeconds: 30,
        createDeployedVersionsForTags: false,
      });
    });

    it('webhooks: schemes, methods, and a host whitelist that keeps its meaning (only those hosts)', () => {
      const config = loadBrokerConfig({
        PACT_BROKER_WEBHOOK_SCHEME_WHITELIST: 'http https',
        PACT_BROKER_WEBHOOK_HTTP_METHOD_WHITELIST: 'POST get',
        PACT_BROKER_WEBHOOK_HOST_WHITELIST: 'ci.example.com 10.2.3.41/24',
      });
      expect(config).to.deep.include({
        webhookSchemes: ['http', 'https'],
        webhookMethods: ['POST', 'GET'],
        webhookHosts: ['ci.example.com', '10.2.3.41/24'],
        webhookAllowPublicHosts: false,
      });
      // Our own whitelist variable adds hosts to the public ones instead.
      expect(loadBrokerConfig({ BROKER_WEBHOOK_HOST_WHITELIST: 'ci.example.com' }).webhookAllowPublicHosts).to.equal(
        true,
      );
    });

    it('the webhook retry schedule, as given (space- or comma-separated seconds)', () => {
      expect(
        loadBrokerConfig({ PACT_BROKER_WEBHOOK_RETRY_SCHEDULE: '10 60 120 300 600 1200' }).webhookRetrySchedule,
      ).to.deep.equal([10, 60, 120, 300, 600, 1200]);
      expect(loadBrokerConfig({ PACT_BROKER_WEBHOOK_RETRY_SCHEDULE: '30' }).webhookRetrySchedule).to.deep.equal([30]);
      expect(() => loadBrokerConfig({ PACT_BROKER_WEBHOOK_RETRY_SCHEDULE: '10 soon' })).to.throw(
        /delays are whole seconds/,
      );
    });

    it('ours win when both are set', () => {
      const config = loadBrokerConfig({ PACT_BROKER_PORT: '9393', BROKER_PORT: '9494' });
      expect(config.port).to.equal(9494);
    });

    it('PACT_BROKER_BASIC_AUTH_ENABLED=false switches the configured users off; true without them is refused', () => {
      const off = loadBrokerConfig({
        PACT_BROKER_BASIC_AUTH_ENABLED: 'false',
        PACT_BROKER_BASIC_AUTH_USERNAME: 'ci',
        PACT_BROKER_BASIC_AUTH_PASSWORD: 'secret',
      });
      expect(off.auth).to.not.have.property('readWrite');
      expect(() => loadBrokerConfig({ PACT_BROKER_BASIC_AUTH_ENABLED: 'true' })).to.throw(/basic auth is enabled/);
    });
  });

  describe('refuses what it cannot honour, naming the variable that was set', () => {
    const problem = (env: Record<string, string>) => {
      try {
        loadBrokerConfig(env);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('expected the configuration to be refused');
    };

    it('a port that is not a number', () => {
      expect(problem({ PACT_BROKER_PORT: 'eighty' })).to.match(/PACT_BROKER_PORT \(read as BROKER_PORT\)/);
    });

    it('several base URLs', () => {
      expect(problem({ PACT_BROKER_BASE_URLS: 'http://a.example http://b.example' })).to.match(
        /PACT_BROKER_BASE_URLS .*one base URL/,
      );
    });

    it('a regular expression in the webhook host whitelist', () => {
      expect(problem({ PACT_BROKER_WEBHOOK_HOST_WHITELIST: '/.*\\.foo\\.com$/' })).to.match(
        /regular expressions are not supported/,
      );
    });

    it('a database other than PostgreSQL', () => {
      expect(problem({ PACT_BROKER_DATABASE_ADAPTER: 'sqlite', PACT_BROKER_DATABASE_NAME: '/tmp/x.sqlite3' })).to.match(
        /PACT_BROKER_DATABASE_HOST\/NAME\/\.\.\. .*postgres:\/\//,
      );
    });

    it('a flag that is neither true nor false', () => {
      expect(problem({ PACT_BROKER_ALLOW_PUBLIC_READ: 'yes' })).to.match(
        /PACT_BROKER_ALLOW_PUBLIC_READ.*true or false/,
      );
    });
  });

  it("a stack started from a developer's shell does not take the CLI's PACT_BROKER_BASE_URL as its own", () => {
    const env = { PACT_BROKER_BASE_URL: 'https://other-broker.example', PACT_BROKER_PORT: '9393' };
    expect(loadBrokerConfig(withoutClientVariables(env))).to.not.have.property('baseUrl');
    expect(loadBrokerConfig(withoutClientVariables(env)).port).to.equal(9393);
    expect(loadBrokerConfig(env).baseUrl).to.equal('https://other-broker.example');
  });

  describe('BROKER_WEBHOOK_ALLOW_PRIVATE_ADDRESSES: our one difference in where webhooks may go', () => {
    const policy = (env: Record<string, string>) =>
      webhookTargetPolicy(loadBrokerConfig({ BROKER_WEBHOOK_SCHEME_WHITELIST: 'http,https', ...env }));

    it('off (default): loopback and private addresses are refused unless whitelisted', () => {
      expect(policy({}).check('POST', 'http://127.0.0.1:8080/hook')).to.have.property('request.url');
      expect(policy({}).check('POST', 'http://localhost/hook')).to.have.property('request.url');
      expect(policy({}).addressAllowed('ci.internal.example', '10.0.0.5')).to.equal(false);
      expect(policy({ BROKER_WEBHOOK_HOST_WHITELIST: '10.0.0.0/8' }).addressAllowed('ci', '10.0.0.5')).to.equal(true);
    });

    it('on: any host, as the Pact Broker allows with an empty whitelist', () => {
      const open = policy({ BROKER_WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' });
      expect(open.check('POST', 'http://127.0.0.1:8080/hook')).to.deep.equal({});
      expect(open.check('POST', 'http://localhost/hook')).to.deep.equal({});
      expect(open.addressAllowed('ci.internal.example', '10.0.0.5')).to.equal(true);
    });

    it("on, with the Pact Broker's whitelist: still only the whitelisted hosts", () => {
      const only = policy({
        BROKER_WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
        PACT_BROKER_WEBHOOK_HOST_WHITELIST: 'ci.example.com',
      });
      expect(only.check('POST', 'http://ci.example.com/hook')).to.deep.equal({});
      expect(only.check('POST', 'http://127.0.0.1/hook')).to.have.property('request.url');
    });
  });

  it("names the PACT_BROKER_* settings it does not use (they are logged at start-up), but not the clients' variables", () => {
    const env = {
      PACT_BROKER_PORT: '9393',
      PACT_BROKER_DATABASE_HOST: 'db',
      PACT_BROKER_LOG_FORMAT: 'json',
      PACT_BROKER_PUBLIC_HEARTBEAT: 'true',
      PACT_BROKER_TOKEN: 'for-the-cli',
    };
    expect(unusedReferenceVariables(env)).to.deep.equal(['PACT_BROKER_LOG_FORMAT', 'PACT_BROKER_PUBLIC_HEARTBEAT']);
  });
});
