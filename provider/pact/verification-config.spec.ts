import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { DEFAULT_WIP_PACTS_SINCE, LOCAL_PACTS_DIRECTORY, loadVerificationConfig } from './verification-config.ts';

const git = { commit: 'c0ffee1', branch: 'main' };
const BROKER = 'https://broker.example.com';

describe('verification configuration', () => {
  let scratch: string;
  let pactFile: string;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'verification-config-'));
    pactFile = join(scratch, 'router-backend.json');
    writeFileSync(pactFile, '{}');
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  it("by default verifies the pacts in pacts/, as the checkout's commit and branch, and publishes nothing", () => {
    expect(loadVerificationConfig({ env: {}, git })).to.deep.equal({
      source: { kind: 'local', directory: LOCAL_PACTS_DIRECTORY },
      providerVersion: 'c0ffee1',
      providerBranch: 'main',
      publishResults: false,
      logLevel: 'warn',
    });
  });

  it('GIT_COMMIT and GIT_BRANCH override the checkout; a detached checkout has no branch', () => {
    expect(loadVerificationConfig({ env: { GIT_COMMIT: 'abc123', GIT_BRANCH: 'feat/x' }, git })).to.include({
      providerVersion: 'abc123',
      providerBranch: 'feat/x',
    });
    expect(loadVerificationConfig({ env: {}, git: { commit: 'c0ffee1' } })).to.not.have.property('providerBranch');
  });

  describe('PACT_URL: one pact', () => {
    it('a file path, relative to the working directory, or a file: URL', () => {
      expect(
        loadVerificationConfig({ env: { PACT_URL: 'router-backend.json' }, git, cwd: scratch }).source,
      ).to.deep.equal({ kind: 'file', path: pactFile });
      expect(loadVerificationConfig({ env: { PACT_URL: pathToFileURL(pactFile).href }, git }).source).to.deep.equal({
        kind: 'file',
        path: pactFile,
      });
    });

    it('a missing file is a configuration error naming the path', () => {
      expect(() => loadVerificationConfig({ env: { PACT_URL: 'nope.json' }, git, cwd: scratch })).to.throw(
        `PACT_URL: no pact file at ${join(scratch, 'nope.json')}`,
      );
    });

    it('the URL a broker webhook passes, with the broker credentials; it wins over PACT_BROKER_BASE_URL', () => {
      const url = `${BROKER}/pacts/provider/autofighter-backend/consumer/autofighter-router/pact-version/abc`;
      expect(
        loadVerificationConfig({ env: { PACT_URL: url, PACT_BROKER_BASE_URL: BROKER, PACT_BROKER_TOKEN: 't0k' }, git })
          .source,
      ).to.deep.equal({ kind: 'url', url, auth: { token: 't0k' } });
    });
  });

  describe('PACT_BROKER_BASE_URL: the broker', () => {
    it('pending pacts on, WIP pacts since the default date, basic auth', () => {
      const config = loadVerificationConfig({
        env: { PACT_BROKER_BASE_URL: `${BROKER}/`, PACT_BROKER_USERNAME: 'ci', PACT_BROKER_PASSWORD: 'secret' },
        git,
      });
      expect(config.source).to.deep.equal({
        kind: 'broker',
        baseUrl: BROKER,
        auth: { username: 'ci', password: 'secret' },
        enablePending: true,
        includeWipPactsSince: DEFAULT_WIP_PACTS_SINCE,
      });
    });

    it('PACT_ENABLE_PENDING and PACT_INCLUDE_WIP_PACTS_SINCE change them', () => {
      const off = loadVerificationConfig({
        env: { PACT_BROKER_BASE_URL: BROKER, PACT_ENABLE_PENDING: 'false', PACT_INCLUDE_WIP_PACTS_SINCE: 'off' },
        git,
      });
      expect(off.source).to.deep.equal({ kind: 'broker', baseUrl: BROKER, enablePending: false });
      const since = loadVerificationConfig({
        env: { PACT_BROKER_BASE_URL: BROKER, PACT_INCLUDE_WIP_PACTS_SINCE: '2026-12-01' },
        git,
      });
      expect(since.source).to.include({ includeWipPactsSince: '2026-12-01' });
    });

    it('credentials: a token or a username with a password, not both, not half', () => {
      expect(() =>
        loadVerificationConfig({
          env: { PACT_BROKER_BASE_URL: BROKER, PACT_BROKER_TOKEN: 't', PACT_BROKER_USERNAME: 'u' },
          git,
        }),
      ).to.throw(/one or the other/);
      expect(() =>
        loadVerificationConfig({ env: { PACT_BROKER_BASE_URL: BROKER, PACT_BROKER_USERNAME: 'u' }, git }),
      ).to.throw(/go together/);
    });
  });

  describe('publishing results', () => {
    const broker = { PACT_BROKER_BASE_URL: BROKER };

    it('on CI (CI=true) for pacts from a broker', () => {
      expect(loadVerificationConfig({ env: { ...broker, CI: 'true' }, git }).publishResults).to.equal(true);
      expect(
        loadVerificationConfig({ env: { PACT_URL: `${BROKER}/pacts/x`, CI: 'true' }, git }).publishResults,
      ).to.equal(true);
      expect(loadVerificationConfig({ env: broker, git }).publishResults).to.equal(false);
    });

    it('when asked (PACT_BROKER_PUBLISH_VERIFICATION_RESULTS), which also turns it off on CI', () => {
      expect(
        loadVerificationConfig({ env: { ...broker, PACT_BROKER_PUBLISH_VERIFICATION_RESULTS: 'true' }, git })
          .publishResults,
      ).to.equal(true);
      expect(
        loadVerificationConfig({
          env: { ...broker, CI: 'true', PACT_BROKER_PUBLISH_VERIFICATION_RESULTS: 'false' },
          git,
        }).publishResults,
      ).to.equal(false);
    });

    it('never for local pacts: CI=true publishes nothing; asking for it is an error', () => {
      expect(loadVerificationConfig({ env: { CI: 'true' }, git }).publishResults).to.equal(false);
      expect(() => loadVerificationConfig({ env: { PACT_BROKER_PUBLISH_VERIFICATION_RESULTS: 'true' }, git })).to.throw(
        /do not come from a broker/,
      );
    });

    it('needs the provider version', () => {
      expect(() => loadVerificationConfig({ env: { ...broker, CI: 'true' }, git: {} })).to.throw(/set GIT_COMMIT/);
      expect(
        loadVerificationConfig({ env: { ...broker, CI: 'true', GIT_COMMIT: 'abc' }, git: {}, cwd: scratch }),
      ).to.include({ publishResults: true, providerVersion: 'abc' });
    });

    it('PACT_BUILD_URL links the results to the CI build', () => {
      expect(
        loadVerificationConfig({ env: { ...broker, PACT_BUILD_URL: 'https://ci.example.com/build/7' }, git }).buildUrl,
      ).to.equal('https://ci.example.com/build/7');
    });
  });

  it('empty variables count as unset (CI tools export them so)', () => {
    expect(loadVerificationConfig({ env: { PACT_URL: '', PACT_BROKER_BASE_URL: ' ', GIT_COMMIT: '' }, git }))
      .to.include({ providerVersion: 'c0ffee1' })
      .and.to.have.nested.property('source.kind', 'local');
  });

  it('refuses bad values, naming each variable', () => {
    expect(() =>
      loadVerificationConfig({
        env: {
          PACT_BROKER_BASE_URL: 'broker:9292',
          PACT_ENABLE_PENDING: 'maybe',
          PACT_INCLUDE_WIP_PACTS_SINCE: 'last week',
          PACT_LOG_LEVEL: 'loud',
        },
        git,
      }),
    ).to.throw(
      new RegExp(
        'Invalid verification configuration: .*PACT_BROKER_BASE_URL: must be an http\\(s\\) URL' +
          '.*PACT_ENABLE_PENDING: must be true or false.*PACT_INCLUDE_WIP_PACTS_SINCE: must be a date.*PACT_LOG_LEVEL',
      ),
    );
  });
});
