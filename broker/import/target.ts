// Writing a source broker's history into our broker's database. Where a service's rules are what an
// import needs, the service does the work: publishing pacts (content hash, deduplication, interaction
// ids), numbering verification results, checking webhooks. What no service takes, the import writes
// itself: the source's creation dates and order, and deployments as history (recording one through the
// service would end the one before it, today). Every write is a transaction that also records what it
// brought (imported_records), so an interrupted run leaves nothing half done.
import { inTransaction } from '../db.ts';
import type { Prisma, PrismaClient } from '../prisma-client.ts';
import { readPact } from '../pacts/content.ts';
import { PactsService } from '../pacts/pacts.service.ts';
import { displayNameFor } from '../serializers/display-name.ts';
import { webhookSchema } from '../schemas/webhook.ts';
import { VerificationsService } from '../verifications/verifications.service.ts';
import { REDACTED } from '../webhooks/redact.ts';
import type { WebhooksService } from '../webhooks/webhooks.service.ts';
import type { ImportLedger } from './ledger.ts';
import type {
  SourceDeployment,
  SourceEnvironment,
  SourcePact,
  SourcePacticipant,
  SourceRelease,
  SourceVerification,
  SourceVersion,
  SourceWebhook,
} from './source.ts';

export type Outcome = 'imported' | 'updated' | 'unchanged';

/** The ledger key of a pact publication: who, with whom, which consumer version. */
export const pactKey = (pact: { consumer: string; provider: string; consumerVersion: string }) =>
  JSON.stringify([pact.consumer, pact.provider, pact.consumerVersion]);

const json = (value: unknown) => (value === undefined || value === null ? undefined : (value as Prisma.InputJsonValue));

export class ImportTarget {
  private readonly pacts: PactsService;
  private readonly verifications: VerificationsService;
  private readonly pacticipantIds = new Map<string, number>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly ledger: ImportLedger,
    private readonly webhooks: WebhooksService,
  ) {
    // A source's consumer version may have a newer revision of its pact than an earlier run brought.
    this.pacts = new PactsService(prisma, { allowDangerousContractModification: true });
    this.verifications = new VerificationsService(prisma);
  }

  async pacticipantId(name: string): Promise<number | undefined> {
    if (!this.pacticipantIds.has(name)) {
      const found = await this.prisma.pacticipant.findUnique({ where: { name }, select: { id: true } });
      if (!found) return undefined;
      this.pacticipantIds.set(name, found.id);
    }
    return this.pacticipantIds.get(name);
  }

  async pacticipant(source: SourcePacticipant, dryRun: boolean): Promise<Outcome> {
    // A display name that is only the one made from the name is not stored: it would stop following renames.
    const displayName =
      source.displayName !== undefined && source.displayName !== displayNameFor(source.name, null)
        ? source.displayName
        : undefined;
    const fields = {
      displayName,
      mainBranch: source.mainBranch,
      repositoryUrl: source.repositoryUrl,
      repositoryName: source.repositoryName,
      repositoryNamespace: source.repositoryNamespace,
    };
    const given = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    const existing = await this.prisma.pacticipant.findUnique({
      where: { name: source.name },
      include: { labels: true },
    });
    if (!existing) {
      if (dryRun) return 'imported';
      await inTransaction(this.prisma, async (tx) => {
        const created = await tx.pacticipant.create({
          data: {
            name: source.name,
            ...given,
            ...(source.createdAt ? { createdAt: source.createdAt, updatedAt: source.createdAt } : {}),
          },
        });
        await tx.label.createMany({
          data: source.labels.map((name) => ({ pacticipantId: created.id, name })),
          skipDuplicates: true,
        });
      });
      return 'imported';
    }
    const changed = Object.fromEntries(
      Object.entries(given).filter(([key, value]) => existing[key as keyof typeof existing] !== value),
    );
    const missingLabels = source.labels.filter((name) => !existing.labels.some((label) => label.name === name));
    if (Object.keys(changed).length === 0 && missingLabels.length === 0) return 'unchanged';
    if (dryRun) return 'updated';
    await inTransaction(this.prisma, async (tx) => {
      if (Object.keys(changed).length > 0) await tx.pacticipant.update({ where: { id: existing.id }, data: changed });
      await tx.label.createMany({
        data: missingLabels.map((name) => ({ pacticipantId: existing.id, name })),
        skipDuplicates: true,
      });
    });
    return 'updated';
  }

  async environment(source: SourceEnvironment, dryRun: boolean): Promise<Outcome> {
    const fields = {
      name: source.name,
      displayName:
        source.displayName !== undefined && source.displayName !== displayNameFor(source.name, null)
          ? source.displayName
          : null,
      production: source.production ?? false,
      contacts: source.contacts && source.contacts.length > 0 ? (source.contacts as Prisma.InputJsonValue) : undefined,
    };
    const existing = await this.prisma.environment.findUnique({ where: { uuid: source.uuid } });
    if (existing) {
      const same =
        existing.name === fields.name &&
        existing.displayName === fields.displayName &&
        existing.production === fields.production &&
        JSON.stringify(existing.contacts ?? undefined) === JSON.stringify(fields.contacts);
      if (same) return 'unchanged';
      if (!dryRun) await this.prisma.environment.update({ where: { id: existing.id }, data: fields });
      return 'updated';
    }
    const clash = await this.prisma.environment.findUnique({ where: { name: source.name } });
    if (clash) {
      throw new Error(
        `the target already has an environment named '${source.name}' (uuid ${clash.uuid}), the source's is ${source.uuid}: rename or delete one`,
      );
    }
    if (!dryRun) {
      await this.prisma.environment.create({
        data: {
          uuid: source.uuid,
          ...fields,
          ...(source.createdAt ? { createdAt: source.createdAt, updatedAt: source.createdAt } : {}),
        },
      });
    }
    return 'imported';
  }

  /**
   * A pacticipant's versions, given oldest first: the missing ones are created in that order (so
   * "latest" means here what it meant there), with their branches and tags; versions that exist gain
   * the branches, tags and build URL the source has and they lack. Returns one outcome per version.
   */
  async versions(pacticipantName: string, versions: SourceVersion[], dryRun: boolean): Promise<Outcome[]> {
    const pacticipantId = await this.pacticipantId(pacticipantName);
    if (pacticipantId === undefined) {
      if (dryRun) return versions.map(() => 'imported');
      throw new Error(`pacticipant ${pacticipantName} is missing in the target`);
    }
    const existing = new Map(
      (
        await this.prisma.version.findMany({
          where: { pacticipantId },
          select: {
            id: true,
            number: true,
            buildUrl: true,
            branchVersions: { select: { branchName: true } },
            tags: { select: { name: true } },
          },
        })
      ).map((version) => [version.number, version]),
    );
    const outcomes: Outcome[] = [];
    const fresh: SourceVersion[] = [];
    const amendments: { versionId: number; source: SourceVersion; branches: string[]; tags: string[] }[] = [];
    for (const version of versions) {
      const found = existing.get(version.number);
      if (!found) {
        fresh.push(version);
        outcomes.push('imported');
        continue;
      }
      const branches = version.branches.filter((name) => !found.branchVersions.some((b) => b.branchName === name));
      const tags = version.tags.filter((name) => !found.tags.some((tag) => tag.name === name));
      const buildUrlChanged = version.buildUrl !== undefined && version.buildUrl !== found.buildUrl;
      if (branches.length === 0 && tags.length === 0 && !buildUrlChanged) {
        outcomes.push('unchanged');
        continue;
      }
      outcomes.push('updated');
      amendments.push({ versionId: found.id, source: version, branches, tags });
    }
    if (dryRun) return outcomes;
    // In chunks, each one transaction: order is kept (ids grow) and an interruption loses at most a chunk.
    for (let start = 0; start < fresh.length; start += 100) {
      const chunk = fresh.slice(start, start + 100);
      await inTransaction(this.prisma, async (tx) => {
        const now = new Date();
        for (const version of chunk) {
          const createdAt = version.createdAt ?? now;
          const created = await tx.version.create({
            data: {
              pacticipantId,
              number: version.number,
              buildUrl: version.buildUrl ?? null,
              createdAt,
              updatedAt: createdAt,
            },
          });
          await this.addBranchesAndTags(tx, pacticipantId, created.id, version.branches, version.tags, createdAt);
        }
      });
    }
    for (const amendment of amendments) {
      await inTransaction(this.prisma, async (tx) => {
        if (amendment.source.buildUrl !== undefined)
          await tx.version.update({
            where: { id: amendment.versionId },
            data: { buildUrl: amendment.source.buildUrl },
          });
        const at = amendment.source.createdAt ?? new Date();
        await this.addBranchesAndTags(tx, pacticipantId, amendment.versionId, amendment.branches, amendment.tags, at);
      });
    }
    return outcomes;
  }

  private async addBranchesAndTags(
    tx: Prisma.TransactionClient,
    pacticipantId: number,
    versionId: number,
    branches: string[],
    tags: string[],
    at: Date,
  ): Promise<void> {
    for (const name of branches) {
      await tx.branch.createMany({
        data: [{ pacticipantId, name, createdAt: at, updatedAt: at }],
        skipDuplicates: true,
      });
      const branch = await tx.branch.findUniqueOrThrow({ where: { pacticipantId_name: { pacticipantId, name } } });
      await tx.branchVersion.createMany({
        data: [{ branchId: branch.id, versionId, pacticipantId, branchName: name, createdAt: at }],
        skipDuplicates: true,
      });
    }
    if (tags.length > 0) {
      await tx.tag.createMany({
        data: tags.map((name) => ({ versionId, pacticipantId, name, createdAt: at })),
        skipDuplicates: true,
      });
    }
  }

  /** The version, created (dated) when the source named one its version list did not show. */
  private async versionId(tx: Prisma.TransactionClient, pacticipantId: number, number: string, at: Date) {
    const found = await tx.version.findUnique({ where: { pacticipantId_number: { pacticipantId, number } } });
    return found ?? (await tx.version.create({ data: { pacticipantId, number, createdAt: at, updatedAt: at } }));
  }

  /** Publishes a consumer version's pact as the source has it, dated as there; records its source SHA. */
  async pact(pact: SourcePact): Promise<void> {
    const consumerId = await this.pacticipantId(pact.consumer);
    const providerId = await this.pacticipantId(pact.provider);
    if (consumerId === undefined || providerId === undefined)
      throw new Error(`pacticipant ${pact.consumer} or ${pact.provider} is missing in the target`);
    const content = readPact(pact.content, 'content', { consumer: pact.consumer, provider: pact.provider });
    const at = pact.createdAt ?? new Date();
    await inTransaction(this.prisma, async (tx) => {
      const version = await this.versionId(tx, consumerId, pact.consumerVersion, at);
      await this.pacts.publishAllInTransaction(tx, { id: consumerId }, version, [
        { provider: { id: providerId, name: pact.provider }, pact: content, mode: 'overwrite' },
      ]);
      await tx.pactPublication.updateMany({
        where: { consumerVersionId: version.id, providerId },
        data: { createdAt: at },
      });
      // A content and an integration date from their first publication.
      await tx.pactVersion.updateMany({
        where: { consumerId, providerId, sha: content.sha, createdAt: { gt: at } },
        data: { createdAt: at },
      });
      await tx.integration.updateMany({
        where: { consumerId, providerId, createdAt: { gt: at } },
        data: { createdAt: at },
      });
      await this.ledger.record(tx, 'pact', pactKey(pact), pact.sha);
    });
  }

  /** The pact version a consumer version's pact with a provider has here. */
  async pactVersionOf(pact: { consumer: string; provider: string; consumerVersion: string }) {
    const [consumerId, providerId] = [await this.pacticipantId(pact.consumer), await this.pacticipantId(pact.provider)];
    if (consumerId === undefined || providerId === undefined) return undefined;
    const publication = await this.prisma.pactPublication.findFirst({
      where: { consumerId, providerId, consumerVersion: { number: pact.consumerVersion } },
      select: { pactVersionId: true },
    });
    return publication ? { id: publication.pactVersionId, consumerId, providerId } : undefined;
  }

  /**
   * A pact content's verification results, oldest first, in one transaction; each recorded by its source
   * URL. Provider versions are looked up once per call and the ledger written in one statement: thousands
   * of results are the bulk of a long history.
   */
  async verificationResults(
    pactVersion: { id: number; consumerId: number; providerId: number },
    results: { key: string; verification: SourceVerification }[],
  ): Promise<void> {
    await inTransaction(this.prisma, async (tx) => {
      const numbers = [...new Set(results.map(({ verification }) => verification.providerVersion))];
      const versions = new Map(
        (
          await tx.version.findMany({
            where: { pacticipantId: pactVersion.providerId, number: { in: numbers } },
            select: { id: true, number: true },
          })
        ).map((version) => [version.number, version.id]),
      );
      for (const { verification } of results) {
        const at = verification.verifiedAt ?? new Date();
        let providerVersionId = versions.get(verification.providerVersion);
        if (providerVersionId === undefined) {
          providerVersionId = (await this.versionId(tx, pactVersion.providerId, verification.providerVersion, at)).id;
          versions.set(verification.providerVersion, providerVersionId);
        }
        await this.verifications.recordInTransaction(tx, {
          pactVersionId: pactVersion.id,
          providerVersionId,
          consumerId: pactVersion.consumerId,
          providerId: pactVersion.providerId,
          success: verification.success,
          wip: false,
          buildUrl: verification.buildUrl,
          verifiedBy: json(verification.verifiedBy),
          testResults: json(verification.testResults),
          createdAt: at,
        });
      }
      await this.ledger.recordMany(
        tx,
        'verification',
        results.map(({ key }) => key),
      );
    });
  }

  private async environmentId(uuid: string): Promise<number> {
    const environment = await this.prisma.environment.findUnique({ where: { uuid }, select: { id: true } });
    if (!environment) throw new Error(`environment ${uuid} is missing in the target`);
    return environment.id;
  }

  /** The target's deployments and releases by uuid: whether each is still current, and where. */
  async deploymentStates() {
    const [deployed, released] = await Promise.all([
      this.prisma.deployedVersion.findMany({
        select: { uuid: true, undeployedAt: true, environment: { select: { uuid: true } } },
      }),
      this.prisma.releasedVersion.findMany({
        select: { uuid: true, supportEndedAt: true, environment: { select: { uuid: true } } },
      }),
    ]);
    return {
      deployed: new Map(
        deployed.map((row) => [row.uuid, { current: row.undeployedAt === null, environment: row.environment.uuid }]),
      ),
      released: new Map(
        released.map((row) => [row.uuid, { current: row.supportEndedAt === null, environment: row.environment.uuid }]),
      ),
    };
  }

  /**
   * Records a deployment or a release (`record`) in one transaction with its version, made when the target
   * lacks it, under the target's ids of its pacticipant and environment.
   */
  private async recordInEnvironment(
    source: SourceDeployment | SourceRelease,
    record: (
      tx: Prisma.TransactionClient,
      ids: { versionId: number; pacticipantId: number; environmentId: number; at: Date },
    ) => Promise<unknown>,
  ): Promise<void> {
    const pacticipantId = await this.pacticipantId(source.pacticipant);
    if (pacticipantId === undefined) throw new Error(`pacticipant ${source.pacticipant} is missing in the target`);
    const environmentId = await this.environmentId(source.environmentUuid);
    const at = source.createdAt ?? new Date();
    await inTransaction(this.prisma, async (tx) => {
      const version = await this.versionId(tx, pacticipantId, source.version, at);
      await record(tx, { versionId: version.id, pacticipantId, environmentId, at });
    });
  }

  /** A deployment with the source's uuid and dates, or the end of one the target still had as current. */
  async deployment(source: SourceDeployment, dryRun: boolean): Promise<Outcome> {
    const existing = await this.prisma.deployedVersion.findUnique({ where: { uuid: source.uuid } });
    const ended = source.currentlyDeployed ? null : (source.undeployedAt ?? new Date());
    if (existing) {
      if ((existing.undeployedAt === null) === (ended === null)) return 'unchanged';
      if (!dryRun)
        await this.prisma.deployedVersion.update({ where: { id: existing.id }, data: { undeployedAt: ended } });
      return 'updated';
    }
    if (dryRun) return 'imported';
    await this.recordInEnvironment(source, (tx, { versionId, pacticipantId, environmentId, at }) =>
      tx.deployedVersion.create({
        data: {
          uuid: source.uuid,
          versionId,
          pacticipantId,
          environmentId,
          applicationInstance: source.applicationInstance ?? '',
          undeployedAt: ended,
          createdAt: at,
          updatedAt: ended ?? at,
        },
      }),
    );
    return 'imported';
  }

  async release(source: SourceRelease, dryRun: boolean): Promise<Outcome> {
    const existing = await this.prisma.releasedVersion.findUnique({ where: { uuid: source.uuid } });
    const ended = source.currentlySupported ? null : (source.supportEndedAt ?? new Date());
    if (existing) {
      if ((existing.supportEndedAt === null) === (ended === null)) return 'unchanged';
      if (!dryRun)
        await this.prisma.releasedVersion.update({ where: { id: existing.id }, data: { supportEndedAt: ended } });
      return 'updated';
    }
    if (dryRun) return 'imported';
    await this.recordInEnvironment(source, (tx, { versionId, pacticipantId, environmentId, at }) =>
      tx.releasedVersion.create({
        data: {
          uuid: source.uuid,
          versionId,
          pacticipantId,
          environmentId,
          supportEndedAt: ended,
          createdAt: at,
          updatedAt: ended ?? at,
        },
      }),
    );
    return 'imported';
  }

  /**
   * A webhook with the source's uuid. The source never gives out passwords or credential-like headers
   * (it shows them as ${REDACTED}): those are left out, never guessed, and the webhook is imported
   * disabled with a record of what must be entered again (listed by every run until then).
   */
  async webhook(source: SourceWebhook, dryRun: boolean): Promise<{ outcome: Outcome; missing: string[] }> {
    const existing = await this.prisma.webhook.findUnique({ where: { uuid: source.uuid }, select: { id: true } });
    const { request, missing } = withoutRedactions(source.request);
    if (existing) return { outcome: 'unchanged', missing };
    if (dryRun) return { outcome: 'imported', missing };
    const body = webhookSchema.parse({
      description: source.description ?? null,
      consumer: source.consumer ?? null,
      provider: source.provider ?? null,
      enabled: (source.enabled ?? true) && missing.length === 0,
      events: source.events ?? [{ name: 'contract_content_changed' }],
      request,
    });
    // Recorded first: if the run stops between the two writes, the next one creates the webhook and the
    // record of what it lacks is already there.
    if (missing.length > 0)
      await this.ledger.record(this.prisma, 'webhook-credentials', source.uuid, missing.join(', '));
    await this.webhooks.create(body, {}, source.uuid);
    if (source.createdAt)
      await this.prisma.webhook.update({
        where: { uuid: source.uuid },
        data: { createdAt: source.createdAt, updatedAt: source.createdAt },
      });
    return { outcome: 'imported', missing };
  }

  /** Webhooks imported without their credentials and not changed since: what still needs entering. */
  async webhooksAwaitingCredentials(): Promise<{ uuid: string; description: string | null; missing: string }[]> {
    const recorded = await this.ledger.load('webhook-credentials');
    const webhooks = await this.prisma.webhook.findMany({
      where: { uuid: { in: [...recorded.keys()] } },
      select: { uuid: true, description: true, createdAt: true, updatedAt: true },
    });
    return webhooks
      .filter((webhook) => webhook.updatedAt.getTime() === webhook.createdAt.getTime())
      .map((webhook) => ({
        uuid: webhook.uuid,
        description: webhook.description,
        missing: recorded.get(webhook.uuid) ?? '',
      }));
  }
}

/** A webhook request without the values the source redacted, and what those were. */
export function withoutRedactions(request: SourceWebhook['request']): {
  request: Record<string, unknown>;
  missing: string[];
} {
  const missing: string[] = [];
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (value.includes(REDACTED)) missing.push(`header ${name}`);
    else headers[name] = value;
  }
  let url = request.url;
  if (url.includes(REDACTED)) {
    try {
      const parsed = new URL(url);
      if (parsed.username.includes(REDACTED) || parsed.password.includes(REDACTED)) {
        parsed.username = '';
        parsed.password = '';
        missing.push('credentials in the URL');
      }
      for (const [name, value] of [...parsed.searchParams.entries()]) {
        if (value.includes(REDACTED)) {
          parsed.searchParams.delete(name);
          missing.push(`URL parameter ${name}`);
        }
      }
      url = parsed.toString();
    } catch {
      missing.push('the URL');
    }
  }
  const passwordRedacted = request.password !== undefined && request.password.includes(REDACTED);
  if (passwordRedacted) missing.push('password');
  return {
    request: {
      method: request.method,
      url,
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      ...(request.body !== undefined ? { body: request.body } : {}),
      ...(request.username !== undefined ? { username: request.username } : {}),
      ...(request.password !== undefined && !passwordRedacted ? { password: request.password } : {}),
    },
    missing,
  };
}
