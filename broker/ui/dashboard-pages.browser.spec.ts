// The dashboard's question-answering pages in a real browser (Chromium through playwright-core, see
// testing/use-chromium.ts): can-i-deploy, the heads view, the matrix query form, a pacticipant's page,
// webhook status and logs. Screenshots go to artifacts/dashboard/.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { useBroker } from '../testing/broker-test-context.ts';
import { useChromium } from './testing/use-chromium.ts';

describe('broker dashboard pages in a browser', function () {
  this.timeout(60_000);
  const broker = useBroker();
  const chromium = useChromium();
  let page: Page;
  before(() => {
    page = chromium.page;
  });

  beforeEach(async () => {
    await broker
      .data()
      .environment('production', { production: true })
      .provider('Api')
      .version('2.0.0', { branch: 'main' })
      .deployedTo('production')
      .consumer('Web')
      .version('1.0.0', { branch: 'main' })
      .pact('Api')
      .verifiedBy('2.0.0', { branch: 'main' })
      .consumer('Mobile')
      .version('3.1.0', { branch: 'feat-x' })
      .pact('Api')
      .verifiedBy('2.0.0', { success: false });
  });

  /** The API's answer to the same question, as the CLI gets it. */
  const apiAnswer = async (pacticipant: string, version: string, environment: string) =>
    (
      await request(broker.server)
        .get('/can-i-deploy')
        .query({ pacticipant, version, environment })
        .set('Accept', 'application/hal+json')
        .expect(200)
    ).body.summary.deployable as boolean | null;

  const askCanIDeploy = async (pacticipant: string, version: string, environment: string) => {
    await page.goto(`${broker.url}/can-i-deploy`);
    await page.selectOption('select[name=pacticipant]', pacticipant);
    await page.fill('input[name=version]', version);
    await page.selectOption('select[name=environment]', environment);
    await Promise.all([page.waitForURL(/can-i-deploy\?/), page.click('#can-i-deploy-form button[type=submit]')]);
  };

  it('can-i-deploy: a version whose pact its deployed provider verified may be deployed ("yes", as the API says)', async () => {
    await askCanIDeploy('Web', '1.0.0', 'production');
    expect(await page.locator('#answer-word').innerText()).to.equal('yes');
    expect(await apiAnswer('Web', '1.0.0', 'production')).to.equal(true);
    const rows = page.locator('tr.matrix-row');
    expect(await rows.count()).to.equal(1);
    expect(await rows.first().getAttribute('data-status')).to.equal('verified');
    expect(await rows.first().innerText())
      .to.include('1.0.0')
      .and.include('2.0.0')
      .and.include('production');
    await chromium.shot('can-i-deploy-yes');
  });

  it('can-i-deploy: a version whose pact failed verification may not be deployed ("no" with the reason)', async () => {
    await askCanIDeploy('Mobile', '3.1.0', 'production');
    expect(await page.locator('#answer-word').innerText()).to.equal('no');
    expect(await apiAnswer('Mobile', '3.1.0', 'production')).to.equal(false);
    expect(await page.locator('#reasons li.reason.error').count()).to.be.greaterThan(0);
    expect(await page.locator('tr.matrix-row').first().getAttribute('data-status')).to.equal('failed');
    await chromium.shot('can-i-deploy-no');
  });

  it("can-i-deploy: for a version the broker does not know, the page gives the API's answer and names the version", async () => {
    await askCanIDeploy('Web', '9.9.9', 'production');
    const api = await apiAnswer('Web', '9.9.9', 'production');
    expect(await page.locator('#answer-word').innerText()).to.equal(api === null ? 'unknown' : api ? 'yes' : 'no');
    expect(await page.locator('#reasons').innerText()).to.include('9.9.9');
  });

  it('heads: one row per head with its branch and environment chips, paged', async () => {
    await page.goto(`${broker.url}/heads?size=1`);
    const row = page.locator('tr.head');
    expect(await row.count()).to.equal(1);
    expect(await row.locator('.chip.branch').innerText()).to.equal('feat-x');
    expect(await row.getAttribute('data-status')).to.equal('failed');
    await Promise.all([page.waitForURL(/page=2/), page.click('a.page-next')]);
    expect(await page.locator('tr.head').innerText())
      .to.include('Web')
      .and.include('main');
    expect(await page.locator('.page-number').innerText()).to.equal('Page 2 of 2');
    await page.goto(`${broker.url}/heads`);
    await chromium.shot('heads');
  });

  it('matrix: the query form selects versions, latestby and an environment, and shows the rows', async () => {
    await page.goto(`${broker.url}/matrix`);
    await page.selectOption('select[aria-label="Pacticipant 1"]', 'Mobile');
    await page.fill('input[aria-label="Branch 1"]', 'feat-x');
    await page.check('input[aria-label="Latest 1"]');
    await page.selectOption('select[name=latestby]', 'cvpv');
    await page.selectOption('select[name=environment]', 'production');
    await Promise.all([page.waitForURL(/latestby=cvpv/), page.click('#matrix-form button[type=submit]')]);
    const rows = page.locator('tr.matrix-row');
    expect(await rows.count()).to.equal(1);
    expect(await rows.first().innerText())
      .to.include('3.1.0')
      .and.include('2.0.0');
    expect(await page.locator('#answer-word').innerText()).to.equal('no');
    // The form keeps what was asked.
    expect(await page.inputValue('input[aria-label="Branch 1"]')).to.equal('feat-x');
    await chromium.shot('matrix-query');
  });

  it("pacticipant: versions, partners and network; a version's can-i-deploy link answers", async () => {
    await page.goto(`${broker.url}/pacticipants/Api`);
    expect(await page.locator('h1').innerText()).to.equal('Api');
    expect(await page.locator('tr.partner').count()).to.equal(2);
    expect(await page.locator('tr.version').first().innerText())
      .to.include('2.0.0')
      .and.include('production');
    expect(await page.locator('#network a.node').count()).to.equal(3);
    await chromium.shot('pacticipant');
    await Promise.all([
      page.waitForURL(/can-i-deploy\?/),
      page.locator('tr.version').first().getByRole('link', { name: 'can I deploy?' }).click(),
    ]);
    // Api 2.0.0 failed Mobile's pact, but a provider does not need its consumers' pacts verified to deploy.
    expect(await page.locator('#answer-word').innerText()).to.equal('yes');
    await page.goto(`${broker.url}/pacticipants/Web`);
    await Promise.all([
      page.waitForURL(/\/pacticipants\/Api$/),
      page.locator('tr.partner a', { hasText: 'Api' }).click(),
    ]);
  });

  it('webhooks: the status page shows the last execution and its log, and links to every attempt', async () => {
    await broker
      .data()
      .consumer('Web')
      .webhook('dddddddd-0000-4000-8000-000000000001', { consumer: 'Web', provider: 'Api' });
    const webhook = await broker.prisma.webhook.findUniqueOrThrow({
      where: { uuid: 'dddddddd-0000-4000-8000-000000000001' },
    });
    await broker.prisma.triggeredWebhook.create({
      data: {
        uuid: 'eeeeeeee-0000-4000-8000-000000000001',
        webhookId: webhook.id,
        webhookUuid: webhook.uuid,
        eventName: 'contract_content_changed',
        consumerId: webhook.consumerId!,
        providerId: webhook.providerId!,
        parameters: {},
        status: 'failure',
        attempts: 1,
        executions: {
          create: [{ success: false, status: 503, logs: 'POST https://example.org/hook\nHTTP/1.1 503 Unavailable' }],
        },
      },
    });
    await page.goto(`${broker.url}/`);
    await Promise.all([
      page.waitForURL(/\/webhooks\/provider\/Api\/consumer\/Web$/),
      page.locator('tr.integration', { hasText: 'Web' }).getByRole('link', { name: 'failure' }).click(),
    ]);
    const triggered = page.locator('section.triggered');
    expect(await triggered.getAttribute('data-status')).to.equal('failure');
    expect(await triggered.locator('pre.log').innerText()).to.include('503 Unavailable');
    await chromium.shot('webhooks');
    await Promise.all([
      page.waitForURL(/triggered-webhooks\//),
      triggered.getByRole('link', { name: 'all attempts' }).click(),
    ]);
    expect(await page.locator('section.execution').count()).to.equal(1);
    await chromium.shot('triggered-webhook');
  });

  it('deletes a version after the confirmation step (open broker: everyone may write)', async () => {
    await page.goto(`${broker.url}/pacticipants/Web`);
    await Promise.all([
      page.waitForURL(/\/ui\/delete\/version\/Web\/1\.0\.0$/),
      page.locator('tr.version a.delete').click(),
    ]);
    expect(await page.locator('h1').innerText()).to.equal('Delete version 1.0.0 of Web?');
    await chromium.shot('delete-confirm');
    await Promise.all([page.waitForURL(/\/pacticipants\/Web$/), page.click('#confirm')]);
    expect(await page.locator('tr.version').count()).to.equal(0);
  });

  it('copy buttons put a URL on the clipboard (the script is served by the broker, no CDN)', async () => {
    await chromium.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: broker.url });
    const external: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(broker.url)) external.push(req.url());
    });
    await page.goto(`${broker.url}/pacts/provider/Api/consumer/Web/latest`);
    const button = page.locator('#pact-url + button.copy');
    await button.click();
    expect(await button.innerText()).to.equal('Copied');
    expect(await page.evaluate('navigator.clipboard.readText()')).to.equal(
      `${broker.url}/pacts/provider/Api/consumer/Web/version/1.0.0`,
    );
    expect(external).to.deep.equal([]);
  });

  it('HAL browser: follows links from the index, fills in a templated link and sends a POST', async () => {
    await page.goto(`${broker.url}/hal-browser/browser.html`);
    const pacticipants = page.locator('tr.link[data-rel="pb:pacticipants"]');
    await pacticipants.waitFor();
    expect(await pacticipants.locator('a.doc').getAttribute('href')).to.match(/\/doc\/pacticipants/);
    await chromium.shot('hal-browser');
    await pacticipants.getByRole('button', { name: 'GET' }).click();
    await page.waitForURL(/#\/pacticipants$/);
    await page.locator('li.embedded', { hasText: 'Mobile' }).waitFor();
    expect(await page.locator('li.embedded').count()).to.equal(3);

    await page.goto(`${broker.url}/hal-browser/browser.html#/`);
    const one = page.locator('tr.link[data-rel="pb:pacticipant"]');
    await one.locator('input[name=pacticipant]').fill('Web');
    await one.getByRole('button', { name: 'Go' }).click();
    await page.waitForURL(/#\/pacticipants\/Web$/);
    await page.locator('#properties', { hasText: '"name": "Web"' }).waitFor();

    await page.goto(`${broker.url}/hal-browser/browser.html#/pacticipants`);
    await page.locator('li.embedded').first().waitFor();
    await page.selectOption('#method', 'POST');
    await page.fill('#body', JSON.stringify({ name: 'Billing' }));
    await page.click('#request-form button[type=submit]');
    await page.locator('#status', { hasText: '201' }).waitFor();
    const created = await request(broker.server).get('/pacticipants/Billing').set('Accept', 'application/hal+json');
    expect(created.status).to.equal(200);
  });
});
