// The dashboard in a real headless browser: Debian's chromium driven by playwright-core, against the
// real broker on PostgreSQL (testing/use-chromium.ts installs, skips or fails as it says). Screenshots
// are kept in artifacts/dashboard/ (git-ignored) for people to look at.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { useBroker } from '../testing/broker-test-context.ts';
import { useChromium } from './testing/use-chromium.ts';

describe('broker dashboard in a browser', function () {
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
      .deployedTo('production')
      .consumer('Web')
      .version('1.1.0', { branch: 'main' })
      .pact('Api')
      .verifiedBy('2.0.0', { branch: 'main' })
      .consumer('Mobile')
      .version('3.1.0', { branch: 'main' })
      .pact('Api')
      .verifiedBy('2.0.0', { success: false });
  });

  const shot = (name: string) => chromium.shot(name);

  it('the index shows the published and verified integration; the pact and the matrix pages follow from it', async () => {
    await page.goto(`${broker.url}/`);
    const web = page.locator('tr.integration', { hasText: 'Web' });
    expect(await web.locator('td').nth(1).innerText()).to.equal('Api');
    expect(await web.getAttribute('data-status')).to.equal('verified');
    expect(await web.innerText())
      .to.include('version 1.1.0')
      .and.include('by 2.0.0');
    expect(await page.locator('tr.integration', { hasText: 'Mobile' }).getAttribute('data-status')).to.equal('failed');
    await shot('index');

    await page.fill('input[name=q]', 'mob');
    await Promise.all([page.waitForURL(/q=mob/), page.click('button[type=submit]')]);
    expect(await page.locator('tr.integration').count()).to.equal(1);

    await page.goto(`${broker.url}/`);
    await Promise.all([
      page.waitForURL(/\/pacts\/provider\/Api\/consumer\/Web\/latest$/),
      web.getByRole('link', { name: 'pact', exact: true }).click(),
    ]);
    expect(await page.locator('h1').innerText()).to.equal('Pact between Web and Api');
    expect(await page.locator('#consumer-version').innerText()).to.equal('1.1.0');
    expect(await page.locator('section.interaction').count()).to.equal(1);
    expect(await page.locator('section.interaction').innerText())
      .to.include('a thing exists')
      .and.include('GET /things/');
    await shot('pact');

    await Promise.all([page.waitForURL(/diff\/previous-distinct$/), page.click('#diff-previous')]);
    expect(await page.locator('#diff .add').count()).to.be.greaterThan(0);
    await shot('diff');

    await page.goto(`${broker.url}/matrix/provider/Api/consumer/Web`);
    const rows = page.locator('tr.matrix-row');
    expect(await rows.count()).to.equal(2);
    expect(await rows.first().getAttribute('data-status')).to.equal('verified');
    expect(await rows.first().innerText())
      .to.include('1.1.0')
      .and.include('2.0.0')
      .and.include('main');
    expect(await rows.nth(1).innerText()).to.include('production');
    await shot('matrix');
  });

  it('shows environments and the network of who talks to whom', async () => {
    await page.goto(`${broker.url}/environments`);
    const production = page.locator('section.environment', { hasText: 'production' });
    expect(await production.innerText())
      .to.include('Web')
      .and.include('1.0.0')
      .and.include('Api');
    await shot('environments');
    await page.goto(`${broker.url}/network`);
    expect(await page.locator('#network a.node').count()).to.equal(3);
    expect(await page.locator('#network polyline.edge.failed').count()).to.equal(1);
    await shot('network');
  });
});
