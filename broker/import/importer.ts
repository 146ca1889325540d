// `broker:import`: a running Pact Broker's history, read over its HAL API, written into our broker's
// database. In order, because each kind needs the ones before it: pacticipants, environments, versions
// (oldest first, so "latest" keeps its meaning), pacts, verification results, deployments and releases,
// webhooks. Everything already there is left alone, so a second run imports nothing and an interrupted
// run (network error, Ctrl-C) goes on where it stopped.
import pLimit from 'p-limit';
import type { BrokerConfig } from '../config.ts';
import type { PrismaClient } from '../prisma-client.ts';
import { WebhooksService } from '../webhooks/webhooks.service.ts';
import { webhookExecutor, webhookTargetPolicy } from '../services.ts';
import { HalClient, SourceError, type SourceAuth } from './hal-client.ts';
import { ImportLedger } from './ledger.ts';
import { KINDS, silentProgress, type Kind, type KindCounts, type ProgressSink } from './progress.ts';
import { SourceBroker, type SourcePact, type SourcePublication, type SourceVerification } from './source.ts';
import { ImportTarget, pactKey, type Outcome } from './target.ts';

export interface ImportOptions {
  /** The source broker's base URL. */
  from: string;
  auth?: SourceAuth;
  /** Our broker's database (the target). */
  prisma: PrismaClient;
  /** Our broker's configuration: its webhook rules apply to imported webhooks. */
  config: BrokerConfig;
  dryRun?: boolean;
  /** Requests to the source in flight at once (default 8). */
  concurrency?: number;
  retries?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  progress?: ProgressSink;
}

export interface ImportReport {
  source: string;
  dryRun: boolean;
  counts: Record<Kind, KindCounts>;
  /** Items that could not be imported (the run went on without them). */
  failures: string[];
  /** Webhooks imported without their credentials (disabled until they are entered again). */
  credentialsToEnter: { uuid: string; description: string | null; missing: string }[];
  requests: number;
  retries: number;
  rateLimited: number;
  seconds: number;
}

const emptyCounts = (): KindCounts => ({ found: 0, imported: 0, updated: 0, unchanged: 0, failed: 0 });

/** The source's base URL as the ledger names it. */
export function sourceName(from: string): string {
  return from.replace(/\/+$/, '');
}

export async function importBroker(options: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const dryRun = options.dryRun ?? false;
  const progress = options.progress ?? silentProgress;
  // One stop for the whole run: Ctrl-C (the caller's signal), or the source failing. Every task checks it
  // between writes, so nothing is still writing when the run has ended.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const client = new HalClient({
    baseUrl: options.from,
    concurrency: options.concurrency ?? 8,
    ...(options.auth ? { auth: options.auth } : {}),
    ...(options.retries !== undefined ? { retries: options.retries } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    signal,
  });
  const source = new SourceBroker(client);
  const ledger = new ImportLedger(options.prisma, sourceName(options.from));
  const policy = webhookTargetPolicy(options.config);
  const target = new ImportTarget(
    options.prisma,
    ledger,
    new WebhooksService(options.prisma, policy, webhookExecutor(options.config)),
  );
  const counts = Object.fromEntries(KINDS.map((kind) => [kind, emptyCounts()])) as Record<Kind, KindCounts>;
  const startedAt = new Map<Kind, number>();
  const failures: string[] = [];
  // Writes to the target, a few at a time: its connection pool is shared with the reads that check it.
  const writes = pLimit(4);

  const found = (kind: Kind, n: number) => {
    if (!startedAt.has(kind)) startedAt.set(kind, performance.now());
    counts[kind].found += n;
    progress.update(kind, counts[kind], startedAt.get(kind)!);
  };
  const count = (kind: Kind, outcome: Outcome | 'failed', n = 1) => {
    counts[kind][outcome] += n;
    progress.update(kind, counts[kind], startedAt.get(kind) ?? performance.now());
  };
  // An item that cannot be imported is reported and the run goes on; a source that is gone ends it.
  const fail = (kind: Kind, what: string, error: unknown) => {
    if (signal.aborted || (error instanceof SourceError && error.unavailable)) throw error;
    failures.push(`${kind}: ${what}: ${(error as Error).message}`);
    count(kind, 'failed');
  };
  const finish = (kind: Kind) => {
    if (!startedAt.has(kind)) startedAt.set(kind, performance.now());
    progress.finish(kind, counts[kind], startedAt.get(kind)!);
  };
  const check = () => signal.throwIfAborted();
  /** Runs tasks side by side; the first that throws stops the others, and all have ended when it returns. */
  const all = async <T>(tasks: Promise<T>[]): Promise<T[]> => {
    const settled = await Promise.allSettled(
      tasks.map((task) =>
        task.catch((error: unknown) => {
          if (!stop.signal.aborted) stop.abort(error);
          throw error;
        }),
      ),
    );
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed) throw stop.signal.reason ?? failed.reason;
    return settled.map((result) => (result as PromiseFulfilledResult<T>).value);
  };

  try {
    // Pacticipants
    const pacticipants = await source.pacticipants();
    found('pacticipants', pacticipants.length);
    for (const pacticipant of pacticipants) {
      check();
      count('pacticipants', await target.pacticipant(pacticipant, dryRun));
    }
    finish('pacticipants');

    // Environments
    const environments = await source.environments();
    found('environments', environments.length);
    for (const environment of environments) {
      check();
      try {
        count('environments', await target.environment(environment, dryRun));
      } catch (error) {
        fail('environments', environment.name, error);
      }
    }
    finish('environments');

    // Versions: each pacticipant's in order, several pacticipants at once.
    const byPacticipant = pLimit(4);
    await all(
      pacticipants.map((pacticipant) =>
        byPacticipant(async () => {
          check();
          const versions = await source.versions(pacticipant);
          found('versions', versions.length);
          const outcomes = await writes(() => target.versions(pacticipant.name, versions, dryRun));
          for (const outcome of outcomes) count('versions', outcome);
        }),
      ),
    );
    finish('versions');

    // Pacts: each integration's publications not brought yet, in consumer version order.
    const pactLedger = await ledger.load('pact');
    const integrations = await source.integrations();
    const byIntegration = pLimit(4);
    const publications = new Map<string, SourcePublication[]>();
    const shas = new Map<string, string>(
      [...pactLedger.entries()].flatMap(([key, sha]) => (sha === null ? [] : [[key, sha] as [string, string]])),
    );
    await all(
      integrations.map((integration) =>
        byIntegration(async () => {
          check();
          const listed = await source.publications(integration);
          publications.set(`${integration.consumer}\n${integration.provider}`, listed);
          found('pacts', listed.length);
          const missing = listed.filter((publication) => !pactLedger.has(pactKey(publication)));
          count('pacts', 'unchanged', listed.length - missing.length);
          const fetched = await Promise.all(missing.map((publication) => source.pact(publication)));
          const pacts = fetched.filter((pact): pact is SourcePact => pact !== undefined);
          count('pacts', 'unchanged', fetched.length - pacts.length); // deleted in the source meanwhile
          for (const pact of orderByVersion(pacts, await versionOrder(options.prisma, integration.consumer))) {
            check();
            shas.set(pactKey(pact), pact.sha);
            if (dryRun) {
              count('pacts', 'imported');
              continue;
            }
            try {
              await writes(() => target.pact(pact));
              count('pacts', 'imported');
            } catch (error) {
              fail('pacts', `${pact.consumer} ${pact.consumerVersion} -> ${pact.provider}`, error);
            }
          }
        }),
      ),
    );
    finish('pacts');

    // Verification results: per pact content (source SHA), through one consumer version that published it.
    const verificationLedger = await ledger.load('verification');
    const groups = [...publications.values()].flatMap((listed) => {
      const bySha = new Map<string, SourcePublication>();
      for (const publication of listed) {
        const sha = shas.get(pactKey(publication));
        if (sha !== undefined && !bySha.has(sha)) bySha.set(sha, publication);
      }
      return [...bySha.values()];
    });
    await all(
      groups.map((publication) =>
        byIntegration(async () => {
          check();
          const refs = await source.verificationsOf(publication);
          found('verifications', refs.length);
          const missing = refs.filter((ref) => !verificationLedger.has(client.key(ref.href)));
          count('verifications', 'unchanged', refs.length - missing.length);
          if (missing.length === 0) return;
          if (dryRun) {
            count('verifications', 'imported', missing.length);
            return;
          }
          const pactVersion = await target.pactVersionOf(publication);
          if (!pactVersion) {
            for (const ref of missing) fail('verifications', ref.href, new Error('its pact is not in the target'));
            return;
          }
          const fetched = await Promise.all(missing.map((ref) => source.verification(ref)));
          const results = fetched
            .filter((verification): verification is SourceVerification => verification !== undefined)
            .sort(byDateThenNumber)
            .map((verification) => ({ key: client.key(verification.href), verification }));
          count('verifications', 'unchanged', fetched.length - results.length);
          for (let start = 0; start < results.length; start += 200) {
            check();
            const chunk = results.slice(start, start + 200);
            try {
              await writes(() => target.verificationResults(pactVersion, chunk));
              count('verifications', 'imported', chunk.length);
            } catch (error) {
              if (signal.aborted || (error instanceof SourceError && error.unavailable)) throw error;
              failures.push(`verifications: ${chunk.length} of ${publication.href}: ${(error as Error).message}`);
              count('verifications', 'failed', chunk.length);
            }
          }
        }),
      ),
    );
    finish('verifications');

    // Deployments and releases: what is current now, and the history the versions in each environment show.
    const states = await target.deploymentStates();
    for (const environment of environments) {
      check();
      const [currentDeployments, currentReleases] = await Promise.all([
        source.currentDeployments(environment),
        source.currentReleases(environment),
      ]);
      const currentDeployed = new Set(currentDeployments.map((deployment) => deployment.uuid));
      const currentReleased = new Set(currentReleases.map((release) => release.uuid));
      const history = await all(pacticipants.map((pacticipant) => source.deploymentLinks(pacticipant, environment)));
      const deployedHrefs = new Map<string, string>();
      const releasedHrefs = new Map<string, string>();
      for (const { deployed, released } of history) {
        for (const href of deployed) deployedHrefs.set(uuidOf(href), href);
        for (const href of released) releasedHrefs.set(uuidOf(href), href);
      }
      // Links name deployments to every environment: each is looked at under its own.
      for (const deployment of currentDeployments) deployedHrefs.delete(deployment.uuid);
      for (const release of currentReleases) releasedHrefs.delete(release.uuid);

      found('deployments', currentDeployments.length);
      for (const deployment of currentDeployments) {
        try {
          count('deployments', await writes(() => target.deployment(deployment, dryRun)));
        } catch (error) {
          fail('deployments', deployment.href, error);
        }
      }
      found('releases', currentReleases.length);
      for (const release of currentReleases) {
        try {
          count('releases', await writes(() => target.release(release, dryRun)));
        } catch (error) {
          fail('releases', release.href, error);
        }
      }
      // An ended one needs reading only when the target lacks it or still has it as current.
      const isHere = (state: { current: boolean; environment: string } | undefined) =>
        state !== undefined && !state.current && state.environment === environment.uuid;
      const endedDeployments = [...deployedHrefs].filter(([uuid]) => !currentDeployed.has(uuid));
      const endedReleases = [...releasedHrefs].filter(([uuid]) => !currentReleased.has(uuid));
      const settled = (ended: [string, string][], known: Map<string, { current: boolean; environment: string }>) =>
        ended.filter(([uuid]) => isHere(known.get(uuid))).length;
      found('deployments', settled(endedDeployments, states.deployed));
      count('deployments', 'unchanged', settled(endedDeployments, states.deployed));
      found('releases', settled(endedReleases, states.released));
      count('releases', 'unchanged', settled(endedReleases, states.released));
      await all([
        ...endedDeployments.map(async ([uuid, href]) => {
          const known = states.deployed.get(uuid);
          if (known && !known.current) return; // ended here too
          const deployment = await source.deployment(href);
          if (!deployment || deployment.environmentUuid !== environment.uuid) return;
          found('deployments', 1);
          try {
            count('deployments', await writes(() => target.deployment(deployment, dryRun)));
          } catch (error) {
            fail('deployments', href, error);
          }
        }),
        ...endedReleases.map(async ([uuid, href]) => {
          const known = states.released.get(uuid);
          if (known && !known.current) return;
          const release = await source.release(href);
          if (!release || release.environmentUuid !== environment.uuid) return;
          found('releases', 1);
          try {
            count('releases', await writes(() => target.release(release, dryRun)));
          } catch (error) {
            fail('releases', href, error);
          }
        }),
      ]);
    }
    finish('deployments');
    finish('releases');

    // Webhooks
    const webhooks = await source.webhooks();
    found('webhooks', webhooks.length);
    for (const webhook of webhooks) {
      check();
      try {
        count('webhooks', (await target.webhook(webhook, dryRun)).outcome);
      } catch (error) {
        fail('webhooks', `${webhook.uuid} (${webhook.description ?? 'no description'})`, error);
      }
    }
    finish('webhooks');
  } finally {
    progress.stop();
  }

  return {
    source: sourceName(options.from),
    dryRun,
    counts,
    failures,
    credentialsToEnter: await target.webhooksAwaitingCredentials(),
    requests: client.stats.requests,
    retries: client.stats.retries,
    rateLimited: client.stats.rateLimited,
    seconds: (performance.now() - started) / 1000,
  };
}

/** A consumer's versions here by number -> order of creation. */
async function versionOrder(prisma: PrismaClient, consumer: string): Promise<Map<string, number>> {
  const versions = await prisma.version.findMany({
    where: { pacticipant: { name: consumer } },
    select: { id: true, number: true },
  });
  return new Map(versions.map((version) => [version.number, version.id]));
}

function orderByVersion(pacts: SourcePact[], order: Map<string, number>): SourcePact[] {
  const rank = (pact: SourcePact) => order.get(pact.consumerVersion) ?? Number.MAX_SAFE_INTEGER;
  return [...pacts].sort((a, b) => rank(a) - rank(b));
}

/** Oldest first; results of the same second by their number in the source (numbers grow with time). */
function byDateThenNumber(a: SourceVerification, b: SourceVerification): number {
  const time = (a.verifiedAt?.getTime() ?? 0) - (b.verifiedAt?.getTime() ?? 0);
  if (time !== 0) return time;
  const number = (href: string) => Number(/\/(\d+)$/.exec(href)?.[1] ?? 0);
  return number(a.href) - number(b.href);
}

function uuidOf(href: string): string {
  return decodeURIComponent(href.replace(/\/+$/, '').split('/').pop()!);
}
