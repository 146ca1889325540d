// Which options reach pact-js's Verifier for each pact source: the part of a broker verification that
// is ours (selectors, pending, WIP, branch, publishing). The broker itself is exercised end to end in
// broker-verification.pact.spec.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { describeVerification, verifierOptions, type VerificationTarget } from './pact.setup.ts';
import { loadVerificationConfig, localVerificationConfig } from './verification-config.ts';

const target: VerificationTarget = {
  providerBaseUrl: 'http://127.0.0.1:41234',
  stateHandlers: {},
  beforeEach: async () => undefined,
};
const BROKER = 'https://broker.example.com';
const git = { commit: 'c0ffee1', branch: 'feat-login' };

const pactJson = (provider: string) =>
  JSON.stringify({ consumer: { name: 'autofighter-router' }, provider: { name: provider }, interactions: [] });

describe('Verifier options (pact.setup)', () => {
  let scratch: string;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'pact-setup-'));
    writeFileSync(join(scratch, 'router-backend.json'), pactJson('autofighter-backend'));
    writeFileSync(join(scratch, 'router-payments.json'), pactJson('payments'));
    writeFileSync(join(scratch, 'notes.txt'), 'not a pact');
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  it("always: the app's URL, the guarded state handlers, the reset hook; no certificate checks against the local HTTP app", () => {
    const options = verifierOptions(localVerificationConfig(), target);
    expect(options).to.include({
      providerBaseUrl: target.providerBaseUrl,
      stateHandlers: target.stateHandlers,
      beforeEach: target.beforeEach,
    });
    expect(options).to.include({ disableSslVerification: true, logLevel: 'warn' });
  });

  it("local pacts: only this provider's pact files, no broker, nothing published", () => {
    const options = verifierOptions(localVerificationConfig({ source: { kind: 'local', directory: scratch } }), target);
    expect(options.pactUrls).to.deep.equal([join(scratch, 'router-backend.json')]);
    for (const key of [
      'provider',
      'pactBrokerUrl',
      'consumerVersionSelectors',
      'publishVerificationResult',
      'providerVersion',
    ])
      expect(options).to.not.have.property(key);
  });

  it('local pacts: a folder with no pact for this provider is an error', () => {
    const empty = mkdtempSync(join(scratch, 'empty-'));
    expect(() =>
      verifierOptions(localVerificationConfig({ source: { kind: 'local', directory: empty } }), target),
    ).to.throw(/no pact for autofighter-backend/);
  });

  it('PACT_URL file: that file; a pact for another provider is refused', () => {
    const env = (name: string) => ({ PACT_URL: join(scratch, name) });
    expect(
      verifierOptions(loadVerificationConfig({ env: env('router-backend.json'), git }), target).pactUrls,
    ).to.deep.equal([join(scratch, 'router-backend.json')]);
    expect(() => verifierOptions(loadVerificationConfig({ env: env('router-payments.json'), git }), target)).to.throw(
      /a pact for payments, not autofighter-backend/,
    );
  });

  it('PACT_URL from a broker webhook on CI: that URL with the credentials, results published as this commit and branch', () => {
    const url = `${BROKER}/pacts/provider/autofighter-backend/consumer/autofighter-router/pact-version/abc`;
    const config = loadVerificationConfig({
      env: { PACT_URL: url, PACT_BROKER_TOKEN: 't0k', CI: 'true', PACT_BUILD_URL: 'https://ci.example.com/7' },
      git,
    });
    expect(verifierOptions(config, target)).to.deep.include({
      pactUrls: [url],
      pactBrokerToken: 't0k',
      publishVerificationResult: true,
      providerVersion: 'c0ffee1',
      providerVersionBranch: 'feat-login',
      buildUrl: 'https://ci.example.com/7',
    });
    // With `provider` set, pact-core would also pull the broker's pacts from PACT_BROKER_BASE_URL.
    expect(verifierOptions(config, target)).to.not.have.property('provider');
  });

  it('the broker: selectors mainBranch, matchingBranch, deployedOrReleased; pending; WIP since the date; this branch', () => {
    const config = loadVerificationConfig({
      env: {
        PACT_BROKER_BASE_URL: BROKER,
        PACT_BROKER_USERNAME: 'ci',
        PACT_BROKER_PASSWORD: 'pw',
        PACT_INCLUDE_WIP_PACTS_SINCE: '2026-12-01',
      },
      git,
    });
    const options = verifierOptions(config, target);
    expect(options).to.deep.include({
      provider: 'autofighter-backend',
      pactBrokerUrl: BROKER,
      pactBrokerUsername: 'ci',
      pactBrokerPassword: 'pw',
      consumerVersionSelectors: [{ mainBranch: true }, { matchingBranch: true }, { deployedOrReleased: true }],
      enablePending: true,
      includeWipPactsSince: '2026-12-01',
      providerVersionBranch: 'feat-login',
    });
    // Not publishing: no provider version, so pact-core cannot publish even if its own variable is set.
    expect(options).to.not.have.property('publishVerificationResult');
    expect(options).to.not.have.property('providerVersion');
  });

  it('the broker on CI: results published as this commit and branch', () => {
    const options = verifierOptions(
      loadVerificationConfig({ env: { PACT_BROKER_BASE_URL: BROKER, PACT_BROKER_TOKEN: 't', CI: 'true' }, git }),
      target,
    );
    expect(options).to.deep.include({
      publishVerificationResult: true,
      providerVersion: 'c0ffee1',
      providerVersionBranch: 'feat-login',
      pactBrokerToken: 't',
    });
  });

  it('the broker from a detached checkout (no branch): no matchingBranch selector and no WIP pacts', () => {
    const options = verifierOptions(
      loadVerificationConfig({ env: { PACT_BROKER_BASE_URL: BROKER }, git: { commit: 'c0ffee1' } }),
      target,
    );
    expect(options.consumerVersionSelectors).to.deep.equal([{ mainBranch: true }, { deployedOrReleased: true }]);
    expect(options).to.not.have.property('includeWipPactsSince');
    expect(options).to.not.have.property('providerVersionBranch');
  });

  it('describes the run for the CI log', () => {
    expect(
      describeVerification(loadVerificationConfig({ env: { PACT_BROKER_BASE_URL: BROKER, CI: 'true' }, git })),
    ).to.deep.equal([
      `Pacts: broker ${BROKER}, selectors mainBranch, matchingBranch, deployedOrReleased; pending pacts on; WIP pacts since 2026-11-21`,
      'Provider: autofighter-backend version c0ffee1 on branch feat-login',
      'Results: published to the broker',
    ]);
  });
});
