// A realistic broker history for the import's tests, built through the broker's own services (as the
// API would have stored it) and then spread over a past year, so dates and their order are worth
// checking after an import:
//
//   10 consumers x 30 versions (on main, every 5th on a feature branch, every 10th tagged prod, build URLs)
//   10 providers x 25 versions (on main), 20 integrations (each consumer has 2 providers)
//   600 pact publications; the content changes every 3 consumer versions and on feature branches
//   about 2,200 verification results: each provider version verifies the (up to 5) pact contents of its time
//   (one in 7 fails), environments test, staging and production, deployment history in each
//   (ended deployments too, two application instances), releases (one whose support ended), labels,
//   and webhooks (one with a password and a secret header, which the API never gives out)
import pLimit from 'p-limit';
import { inTransaction } from '../../db.ts';
import { buildPact } from '../../testing/test-data.ts';
import { EnvironmentsService } from '../../environments/environments.service.ts';
import { PacticipantsService } from '../../pacticipants/pacticipants.service.ts';
import { readPact } from '../../pacts/content.ts';
import { PactsService } from '../../pacts/pacts.service.ts';
import type { PrismaClient } from '../../prisma-client.ts';
import { VerificationsService } from '../../verifications/verifications.service.ts';
import { VersionsService } from '../../versions/versions.service.ts';
import { WebhookExecutor } from '../../webhooks/executor.ts';
import { TargetPolicy } from '../../webhooks/target-policy.ts';
import { WebhooksService } from '../../webhooks/webhooks.service.ts';

export const HISTORY = { consumers: 10, providers: 10, consumerVersions: 30, providerVersions: 25, contentEvery: 3 };

const pad = (n: number) => String(n).padStart(2, '0');
export const consumerName = (i: number) => `consumer-${pad(i)}`;
export const providerName = (i: number) => `provider-${pad(i)}`;

/** The providers of consumer i (1-based): provider i and the next one. */
const providersOf = (i: number) => [providerName(i), providerName((i % HISTORY.providers) + 1)];

export async function buildHistory(prisma: PrismaClient): Promise<void> {
  const pacticipants = new PacticipantsService(prisma);
  const versions = new VersionsService(prisma);
  const pacts = new PactsService(prisma, { allowDangerousContractModification: false });
  const verifications = new VerificationsService(prisma);
  const environments = new EnvironmentsService(prisma);
  const policy = new TargetPolicy({ schemes: ['https'], methods: ['POST'], hosts: [], allowPublicHosts: true });
  const webhooks = new WebhooksService(
    prisma,
    policy,
    new WebhookExecutor(policy, { timeoutSeconds: 5, showResponse: false }),
  );
  const limit = pLimit(8);

  for (let i = 1; i <= HISTORY.consumers; i += 1) {
    await pacticipants.upsert(consumerName(i), {
      mainBranch: 'main',
      repositoryUrl: `https://git.example.org/${consumerName(i)}`,
      ...(i === 1 ? { displayName: 'The First Consumer' } : {}),
    });
    await pacticipants.addLabel(consumerName(i), i % 2 === 0 ? 'team-even' : 'team-odd');
  }
  for (let i = 1; i <= HISTORY.providers; i += 1) {
    await pacticipants.upsert(providerName(i), {
      mainBranch: 'main',
      repositoryUrl: `https://git.example.org/${providerName(i)}`,
    });
  }

  // Consumer versions and their pacts; a content per group of versions (and per feature version).
  const contents = new Map<string, string[]>(); // `${consumer}>${provider}` -> SHAs in order
  await Promise.all(
    Array.from({ length: HISTORY.consumers }, (_, index) => index + 1).map((i) =>
      limit(async () => {
        const consumer = consumerName(i);
        const interactions = new Map<string, unknown[]>();
        for (let v = 1; v <= HISTORY.consumerVersions; v += 1) {
          const number = `1.0.${v}`;
          const feature = v % 5 === 0;
          await versions.put(consumer, number, {
            branch: feature ? `feature-${v}` : 'main',
            buildUrl: `https://ci.example.org/${consumer}/${v}`,
          });
          if (v % 10 === 0) await versions.putTag(consumer, number, 'prod');
          const group = feature ? `feature-${v}` : `main-${Math.floor((v - 1) / HISTORY.contentEvery)}`;
          for (const provider of providersOf(i)) {
            const key = `${consumer}>${provider}`;
            if (!interactions.has(`${key}:${group}`))
              interactions.set(`${key}:${group}`, buildPact(consumer, provider).interactions as unknown[]);
            const pact = readPact({
              ...buildPact(consumer, provider),
              interactions: interactions.get(`${key}:${group}`),
            });
            await pacts.publishAt({ consumer, provider, consumerVersion: number }, pact, 'overwrite');
            const list = contents.get(key) ?? [];
            if (!list.includes(pact.sha)) list.push(pact.sha);
            contents.set(key, list);
          }
        }
      }),
    ),
  );

  // Provider versions, each verifying the contents of its time (a window over each consumer's list). The
  // results of a provider version are recorded through the service in one transaction (as a verification
  // is stored, without the HTTP round trip per result): thousands of them, in seconds.
  const pactVersions = new Map(
    (await prisma.pactVersion.findMany({ select: { id: true, sha: true, consumerId: true, providerId: true } })).map(
      (row) => [`${row.consumerId}:${row.providerId}:${row.sha}`, row.id],
    ),
  );
  const ids = new Map((await prisma.pacticipant.findMany()).map((row) => [row.name, row.id]));
  await Promise.all(
    Array.from({ length: HISTORY.providers }, (_, index) => index + 1).map((p) =>
      limit(async () => {
        const provider = providerName(p);
        const providerId = ids.get(provider)!;
        const consumers = Array.from({ length: HISTORY.consumers }, (_, i) => i + 1).filter((i) =>
          providersOf(i).includes(provider),
        );
        for (let v = 1; v <= HISTORY.providerVersions; v += 1) {
          const number = `2.0.${v}`;
          await versions.put(provider, number, { branch: 'main', buildUrl: `https://ci.example.org/${provider}/${v}` });
          const providerVersion = await prisma.version.findFirstOrThrow({
            where: { pacticipantId: providerId, number },
          });
          await inTransaction(prisma, async (tx) => {
            for (const i of consumers) {
              const consumerId = ids.get(consumerName(i))!;
              const shas = contents.get(`${consumerName(i)}>${provider}`) ?? [];
              const upTo = Math.ceil((v * shas.length) / HISTORY.providerVersions);
              for (const [index, sha] of shas.entries()) {
                if (index >= upTo || index < upTo - 5) continue;
                const failed = (v + index) % 7 === 0;
                await verifications.recordInTransaction(tx, {
                  pactVersionId: pactVersions.get(`${consumerId}:${providerId}:${sha}`)!,
                  providerVersionId: providerVersion.id,
                  consumerId,
                  providerId,
                  success: !failed,
                  wip: false,
                  buildUrl: `https://ci.example.org/${provider}/${v}/verify`,
                  testResults: { summary: { testCount: index + 1, failureCount: failed ? 1 : 0 } },
                  verifiedBy: { implementation: 'Pact-JS', version: '17.0.0' },
                });
              }
            }
          });
        }
      }),
    ),
  );

  // Environments, deployment history, releases.
  const test = await environments.create({ name: 'test', production: false, displayName: null, contacts: null });
  const staging = await environments.create({
    name: 'staging',
    production: false,
    displayName: 'Staging (EU)',
    contacts: [{ name: 'Platform team', details: { slack: '#platform' } }],
  });
  const production = await environments.create({
    name: 'production',
    production: true,
    displayName: null,
    contacts: null,
  });
  for (let i = 1; i <= HISTORY.consumers; i += 1) {
    const consumer = consumerName(i);
    for (let v = 6; v <= HISTORY.consumerVersions; v += 6) {
      await environments.recordDeployment(consumer, `1.0.${v}`, test.uuid, undefined);
      if (v % 12 === 0) await environments.recordDeployment(consumer, `1.0.${v - 1}`, production.uuid, undefined);
    }
    if (i <= 3) {
      await environments.recordDeployment(consumer, '1.0.20', staging.uuid, 'eu');
      await environments.recordDeployment(consumer, '1.0.21', staging.uuid, 'us');
    }
  }
  for (let p = 1; p <= HISTORY.providers; p += 1) {
    const provider = providerName(p);
    await environments.recordDeployment(provider, '2.0.10', test.uuid, undefined);
    await environments.recordDeployment(provider, '2.0.20', test.uuid, undefined);
    await environments.recordDeployment(provider, '2.0.15', production.uuid, undefined);
  }
  const ended = await environments.recordRelease(providerName(1), '2.0.5', production.uuid);
  await environments.setCurrentlySupported(ended.release.uuid, false);
  await environments.recordRelease(providerName(1), '2.0.12', production.uuid);
  await environments.recordRelease(providerName(2), '2.0.12', staging.uuid);

  await webhooks.create({
    description: 'Verify changed pacts',
    enabled: true,
    provider: { name: providerName(1) },
    events: [{ name: 'contract_requiring_verification_published' }],
    request: { method: 'POST', url: 'https://ci.example.org/hooks/verify', body: { pact: '${pactbroker.pactUrl}' } },
  });
  await webhooks.create({
    description: 'Tell the status board',
    enabled: true,
    consumer: { label: 'team-odd' },
    events: [{ name: 'provider_verification_published' }],
    request: {
      method: 'POST',
      url: 'https://status.example.org/pacts',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer s3cr3t-token' },
      username: 'board',
      password: 'hunter2',
      body: { result: '${pactbroker.verificationResultUrl}' },
    },
  });

  await spreadOverAYear(prisma);
}

/**
 * Dates over the past year in creation order, with milliseconds, as a long-lived broker has them:
 * each row at its version's time (a version every few hours), ids keeping their order.
 */
async function spreadOverAYear(prisma: PrismaClient): Promise<void> {
  const AT_ID = `now() - interval '365 days' + id * interval '3 hours 17 minutes 3.123 seconds'`;
  const firstOfBranch = '(SELECT min(created_at) FROM branch_versions WHERE branch_id = b.id)';
  const firstPublication = (where: string) => `(SELECT min(created_at) FROM pact_publications p WHERE ${where})`;
  const AN_HOUR_LATER = `v.created_at + interval '1 hour'`;
  const statements = [
    `UPDATE versions SET created_at = ${AT_ID}, updated_at = ${AT_ID}`,
    `UPDATE branch_versions bv SET created_at = v.created_at FROM versions v WHERE v.id = bv.version_id`,
    `UPDATE branches b SET created_at = ${firstOfBranch}, updated_at = ${firstOfBranch}`,
    `UPDATE tags t SET created_at = v.created_at FROM versions v WHERE v.id = t.version_id`,
    `UPDATE pact_publications p SET created_at = v.created_at + interval '2 minutes' FROM versions v WHERE v.id = p.consumer_version_id`,
    `UPDATE pact_versions pv SET created_at = ${firstPublication('p.pact_version_id = pv.id')}`,
    `UPDATE integrations i SET created_at = ${firstPublication('p.consumer_id = i.consumer_id AND p.provider_id = i.provider_id')}`,
    `UPDATE verifications ve SET created_at = v.created_at + interval '10 minutes' + ve.id * interval '7 milliseconds'
       FROM versions v WHERE v.id = ve.provider_version_id`,
    `UPDATE deployed_versions d SET created_at = ${AN_HOUR_LATER}, updated_at = ${AN_HOUR_LATER},
       undeployed_at = CASE WHEN d.undeployed_at IS NULL THEN NULL ELSE v.created_at + interval '2 days' END
       FROM versions v WHERE v.id = d.version_id`,
    `UPDATE released_versions r SET created_at = ${AN_HOUR_LATER}, updated_at = ${AN_HOUR_LATER},
       support_ended_at = CASE WHEN r.support_ended_at IS NULL THEN NULL ELSE v.created_at + interval '30 days' END
       FROM versions v WHERE v.id = r.version_id`,
    `UPDATE pacticipants SET created_at = now() - interval '366 days', updated_at = now() - interval '366 days'`,
    `UPDATE environments SET created_at = now() - interval '366 days', updated_at = now() - interval '366 days'`,
  ];
  for (const statement of statements) await prisma.$executeRawUnsafe(statement);
}
