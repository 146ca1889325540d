// The layer rules (eslint.layers.js), proven to refuse the imports they exist to refuse, and to let the
// ones the layers allow through. Each case lints one import as if written in a file at that place.
import { ESLint } from 'eslint';
import { expect } from 'chai';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root.ts';

let eslint: ESLint | undefined;

/** The layer rule's complaints about `import ... from '<specifier>'` written in `file`. */
async function layerComplaints(file: string, specifier: string): Promise<string[]> {
  eslint ??= new ESLint({ cwd: projectRoot });
  const text = `import * as imported from '${specifier}';\nexport const kept = imported;\n`;
  const [result] = await eslint.lintText(text, { filePath: join(projectRoot, file) });
  return result!.messages
    .filter((message) => message.ruleId === 'import-x/no-restricted-paths' || message.fatal)
    .map((message) => message.message);
}

async function expectRefused(file: string, specifier: string, because: string): Promise<void> {
  const complaints = await layerComplaints(file, specifier);
  expect(complaints, `${file} importing ${specifier}`).to.have.length(1);
  expect(complaints[0]).to.include(`Unexpected path "${specifier}" imported in restricted zone.`);
  expect(complaints[0]).to.include(because);
}

async function expectAllowed(file: string, specifier: string): Promise<void> {
  expect(await layerComplaints(file, specifier), `${file} importing ${specifier}`).to.deep.equal([]);
}

describe('lint: import rules that keep the layers', function () {
  // The first lint loads the configuration and its plugins: seconds, many more on a busy machine.
  this.timeout(120_000);

  describe('between folders', () => {
    it('refuses common/ importing an app or db/', async () => {
      await expectRefused('common/http/example.ts', '../../broker/urls.ts', 'common/ is shared by all');
      await expectRefused('common/example.ts', '../db/databases.ts', 'common/ is shared by all');
    });

    it('refuses db/ importing an app, in its test helpers too', async () => {
      await expectRefused('db/example.ts', '../provider/prisma-client.ts', 'db/ holds databases only');
      await expectRefused(
        'db/testing/example.ts',
        '../../broker/webhooks/delivery-queue.ts',
        'db/ holds databases only',
      );
    });

    it('refuses an app importing another app', async () => {
      await expectRefused('consumer/proxy/example.ts', '../../provider/app.ts', 'consumer/ imports no other app');
      await expectRefused('provider/example.ts', '../consumer/router.ts', 'provider/ imports no other app');
      await expectRefused('broker/example.ts', '../provider/app.ts', 'broker/ imports no other app');
      await expectRefused('broker/example.ts', '../scripts/bench-broker.ts', 'broker/ imports no other app');
    });

    it("lets a spec start another app through that app's testing/ helpers, and nothing more", async () => {
      await expectAllowed('consumer/proxy/example.spec.ts', '../../provider/testing/backend-test-context.ts');
      await expectRefused('consumer/proxy/example.spec.ts', '../../provider/app.ts', 'consumer/ imports no other app');
    });

    it('lets the apps import common/ and db/', async () => {
      await expectAllowed('broker/example.ts', '../common/json.ts');
      await expectAllowed('provider/example.ts', '../db/databases.ts');
    });
  });

  describe('inside the broker', () => {
    it('refuses resources and dashboard pages importing a repository or the Prisma client', async () => {
      const because = 'read through services';
      await expectRefused('broker/resources/example.ts', '../pacts/pacts.repository.ts', because);
      await expectRefused('broker/resources/example.ts', '../prisma-client.ts', because);
      await expectRefused('broker/ui/pages/example.ts', '../../db.ts', because);
      await expectAllowed('broker/resources/example.ts', '../pacts/pacts.service.ts');
    });

    it('refuses services and repositories importing resources, serializers, routing, the dashboard or Express', async () => {
      const because = 'know nothing of HTTP';
      for (const specifier of [
        '../resources/pacts.ts',
        '../serializers/pacts.ts',
        '../routes.ts',
        '../services.ts',
        '../ui/router.ts',
        'express',
      ])
        await expectRefused('broker/pacts/example.service.ts', specifier, because);
      await expectRefused('broker/webhooks/example.repository.ts', '../http/resource.ts', because);
    });

    it('refuses services and repositories importing anything from http/, the errors there included', async () => {
      const because = 'know nothing of HTTP';
      await expectRefused('broker/pacts/example.service.ts', '../http/errors.ts', because);
      await expectRefused('broker/versions/example.service.ts', '../http/pagination.ts', because);
      await expectRefused('broker/matrix/example.ts', '../http/validate.ts', because);
    });

    it('lets services use the domain errors, the page request, the query codec and the URL builder', async () => {
      await expectAllowed('broker/pacts/example.service.ts', '../domain-errors.ts');
      await expectAllowed('broker/versions/example.service.ts', '../paging.ts');
      await expectAllowed('broker/matrix/example.ts', '../rack-query.ts');
      await expectAllowed('broker/webhooks/example.ts', '../urls.ts');
    });
  });

  describe('inside the backend', () => {
    it('refuses a service importing a router or Express', async () => {
      const because = 'Backend services know nothing of HTTP routing';
      await expectRefused('provider/players/example.service.ts', './players.router.ts', because);
      await expectRefused('provider/players/example.service.ts', 'express', because);
      await expectRefused('provider/players/example.service.ts', '../http/errors.ts', because);
    });

    it('lets a service throw the domain errors', async () => {
      await expectAllowed('provider/players/example.service.ts', '../domain-errors.ts');
    });
  });
});
