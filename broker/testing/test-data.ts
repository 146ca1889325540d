// Test data for the broker, as short fluent chains that read like the situation they build:
//
//   await broker.data().consumer('Foo').version('1.2.3', { branch: 'main' }).pact('Bar').verifiedBy('4.5.6')
//
// Every step goes through the broker's own services (publishing, verifying, deploying), so the data is
// exactly what the API would have stored. Steps run in order; awaiting the chain runs them.
import { encodeMetadata } from '../for-verification/metadata.ts';
import { readPact, type UnknownObject } from '../pacts/content.ts';
import { PactsService } from '../pacts/pacts.service.ts';
import { EnvironmentsService } from '../environments/environments.service.ts';
import type { Environment } from '../environments/environments.repository.ts';
import type { PrismaClient } from '../prisma-client.ts';
import { PacticipantsService } from '../pacticipants/pacticipants.service.ts';
import { VerificationsService } from '../verifications/verifications.service.ts';
import { VersionsService } from '../versions/versions.service.ts';
import { WebhooksService } from '../webhooks/webhooks.service.ts';
import { WebhookExecutor } from '../webhooks/executor.ts';
import { TargetPolicy } from '../webhooks/target-policy.ts';

let contentSequence = 0;

type PacticipantFields = { mainBranch?: string; repositoryUrl?: string; displayName?: string };

/** A small pact whose content differs from every other one built (unless `interactions` is given). */
export function buildPact(
  consumer: string,
  provider: string,
  overrides: { interactions?: unknown[]; specification?: string } = {},
): UnknownObject {
  contentSequence += 1;
  const id = `${process.env.MOCHA_WORKER_ID ?? 'm'}-${contentSequence}`;
  return {
    consumer: { name: consumer },
    provider: { name: provider },
    interactions: overrides.interactions ?? [
      {
        description: `a request for thing ${id}`,
        providerState: 'a thing exists',
        request: { method: 'GET', path: `/things/${id}` },
        response: { status: 200, body: { id } },
      },
    ],
    metadata: { pactSpecification: { version: overrides.specification ?? '2.0.0' } },
  };
}

export class BrokerTestData implements PromiseLike<void> {
  private chain: Promise<unknown> = Promise.resolve();
  private consumerName: string | undefined;
  private providerName: string | undefined;
  private pacticipantName: string | undefined;
  private versionNumber: string | undefined;
  private consumerVersionNumber: string | undefined;
  private pactSha: string | undefined;
  /** Environments created by this chain, by name. */
  readonly environments = new Map<string, Environment>();

  private readonly pacticipants: PacticipantsService;
  private readonly versions: VersionsService;
  private readonly pacts: PactsService;
  private readonly verifications: VerificationsService;
  private readonly environmentsService: EnvironmentsService;
  private readonly webhooks: WebhooksService;

  constructor(private readonly prisma: PrismaClient) {
    this.pacticipants = new PacticipantsService(prisma);
    this.versions = new VersionsService(prisma);
    // Test data may revise a pact in place (the Pact Broker's own builder does), which the API refuses by default.
    this.pacts = new PactsService(prisma, { allowDangerousContractModification: true });
    this.verifications = new VerificationsService(prisma);
    this.environmentsService = new EnvironmentsService(prisma);
    const policy = new TargetPolicy({
      schemes: ['https', 'http'],
      methods: ['POST', 'GET', 'PUT'],
      hosts: [],
      allowPublicHosts: true,
    });
    this.webhooks = new WebhooksService(
      prisma,
      policy,
      new WebhookExecutor(policy, { timeoutSeconds: 5, showResponse: false }),
    );
  }

  private step(work: () => Promise<unknown>): this {
    this.chain = this.chain.then(work);
    return this;
  }

  then<A = void, B = never>(
    onFulfilled?: ((value: void) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): PromiseLike<A | B> {
    return this.chain.then(() => undefined).then(onFulfilled, onRejected);
  }

  /** A pacticipant (created if missing); later `version` steps belong to it. */
  pacticipant(name: string, fields: PacticipantFields = {}): this {
    this.pacticipantName = name;
    return this.step(() => this.pacticipants.upsert(name, fields));
  }

  consumer(name: string, fields: PacticipantFields = {}): this {
    this.consumerName = name;
    return this.pacticipant(name, fields);
  }

  provider(name: string, fields: PacticipantFields = {}): this {
    this.providerName = name;
    return this.pacticipant(name, fields);
  }

  /** A version of the current pacticipant (the last one named by consumer, provider or pacticipant). */
  version(number: string, options: { branch?: string; tags?: string[] } = {}): this {
    const name = this.pacticipantName!;
    this.versionNumber = number;
    if (name === this.consumerName) this.consumerVersionNumber = number;
    return this.step(async () => {
      await this.versions.put(name, number, options.branch === undefined ? {} : { branch: options.branch });
      // A plain tag, as the Pact Broker's test data builder writes it: no branch or main branch inferred from it.
      for (const tag of options.tags ?? []) await this.versions.putTag(name, number, tag, { plain: true });
    });
  }

  tag(tag: string): this {
    const [name, number] = [this.pacticipantName!, this.versionNumber!];
    return this.step(() => this.versions.putTag(name, number, tag));
  }

  /** Publishes the current consumer version's pact with a provider (unique content unless given). */
  pact(provider = this.providerName, content?: UnknownObject): this {
    if (provider === undefined) throw new Error('pact() needs a provider');
    const [consumer, consumerVersion] = [this.consumerName!, this.consumerVersionNumber!];
    this.providerName = provider;
    return this.step(async () => {
      const pact = readPact(content ?? buildPact(consumer, provider));
      const { row } = await this.pacts.publishAt({ consumer, provider, consumerVersion }, pact, 'overwrite');
      this.pactSha = row.sha;
    });
  }

  /** Makes the pact already published for the current consumer version with `provider` the current pact (to verify it again). */
  existingPact(provider: string): this {
    const [consumer, consumerVersion] = [this.consumerName!, this.consumerVersionNumber!];
    this.providerName = provider;
    return this.step(async () => {
      const publication = await this.prisma.pactPublication.findFirstOrThrow({
        where: {
          consumer: { name: consumer },
          provider: { name: provider },
          consumerVersion: { number: consumerVersion },
        },
        include: { pactVersion: true },
      });
      this.pactSha = publication.pactVersion.sha;
    });
  }

  /** Replaces the current pact with new content (the API refuses this by default; test data may). */
  revisePact(): this {
    return this.pact(this.providerName);
  }

  /** A verification of the current pact by a provider version (created, on a branch if given). */
  verifiedBy(
    providerVersion: string,
    options: { success?: boolean; branch?: string; tags?: string[]; pending?: boolean; buildUrl?: string } = {},
  ): this {
    const [provider, consumer] = [this.providerName!, this.consumerName!];
    return this.step(async () => {
      if (options.branch !== undefined) await this.versions.put(provider, providerVersion, { branch: options.branch });
      for (const tag of options.tags ?? []) await this.versions.putTag(provider, providerVersion, tag, { plain: true });
      // The pact URL's metadata says whether the pact was pending, as the pacts-for-verification URL would.
      const metadata =
        options.pending === undefined ? {} : { metadata: encodeMetadata({ selectors: [], pending: options.pending }) };
      await this.verifications.publish(
        { provider, consumer, sha: this.pactSha!, ...metadata },
        {
          success: options.success ?? true,
          providerApplicationVersion: providerVersion,
          ...(options.buildUrl ? { buildUrl: options.buildUrl } : {}),
        },
      );
    });
  }

  environment(
    name: string,
    options: {
      uuid?: string;
      production?: boolean;
      displayName?: string;
      contacts?: { name: string; details?: Record<string, string> }[];
    } = {},
  ): this {
    return this.step(async () => {
      const environment = await this.environmentsService.create(
        {
          name,
          production: options.production ?? false,
          displayName: options.displayName ?? null,
          contacts: options.contacts ?? null,
        },
        ...(options.uuid ? [options.uuid] : []),
      );
      this.environments.set(name, environment);
    });
  }

  /** Records the current version as deployed to an environment (optionally with a fixed uuid). */
  deployedTo(environmentName: string, options: { applicationInstance?: string; uuid?: string } = {}): this {
    const [name, number] = [this.pacticipantName!, this.versionNumber!];
    return this.step(async () => {
      const environment =
        this.environments.get(environmentName) ?? (await this.environmentsService.list(environmentName))[0]!;
      const deployed = await this.environmentsService.recordDeployment(
        name,
        number,
        environment.uuid,
        options.applicationInstance,
      );
      if (options.uuid)
        await this.prisma.deployedVersion.update({ where: { id: deployed.id }, data: { uuid: options.uuid } });
    });
  }

  releasedTo(environmentName: string): this {
    const [name, number] = [this.pacticipantName!, this.versionNumber!];
    return this.step(async () => {
      const environment =
        this.environments.get(environmentName) ?? (await this.environmentsService.list(environmentName))[0]!;
      await this.environmentsService.recordRelease(name, number, environment.uuid);
    });
  }

  webhook(uuid: string, options: { consumer?: string; provider?: string } = {}): this {
    return this.step(() =>
      this.webhooks.create(
        {
          description: 'a webhook',
          enabled: true,
          events: [{ name: 'contract_content_changed' }],
          request: { method: 'POST', url: 'https://example.org/hook' },
          ...(options.consumer ? { consumer: { name: options.consumer } } : {}),
          ...(options.provider ? { provider: { name: options.provider } } : {}),
        },
        {},
        uuid,
      ),
    );
  }
}
