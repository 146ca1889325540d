// Reading a running Pact Broker's history over its HAL API, the way any client would: from the index's
// relations to the resources they name. Each answer is checked with a zod schema, so a source that
// answers something unexpected stops the import with the URL and the problem, not a crash later.
//
// What the API shows is what can be carried over: the matrix shows the newest verification of each pact
// content by each provider version, a pact resource the newest revision of a consumer version's pact.
import { z } from 'zod';
import { expand, HalClient, link, links, type HalResource } from './hal-client.ts';

const text = z.string();
const optionalText = z
  .string()
  .nullish()
  .transform((value) => (value === null || value === undefined || value === '' ? undefined : value));
/** A date as the Pact Broker writes it (ISO 8601, with or without milliseconds). */
const date = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be a date')
  .transform((value) => new Date(value));
const named = z.looseObject({ name: text });

function parse<T>(schema: z.ZodType<T>, value: unknown, url: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  throw new Error(`The source's answer to ${url} is not what a Pact Broker sends: ${problems.join('; ')}`);
}

const pacticipantSchema = z.looseObject({
  name: text,
  displayName: optionalText,
  mainBranch: optionalText,
  repositoryUrl: optionalText,
  repositoryName: optionalText,
  repositoryNamespace: optionalText,
  createdAt: date.optional(),
  _embedded: z.looseObject({ labels: z.array(named).optional() }).optional(),
});

const versionSchema = z.looseObject({
  number: text,
  buildUrl: optionalText,
  createdAt: date.optional(),
  _embedded: z
    .looseObject({
      branchVersions: z.array(named).optional(),
      branches: z.array(named).optional(),
      tags: z.array(named).optional(),
    })
    .optional(),
});

const environmentSchema = z.looseObject({
  uuid: text,
  name: text,
  displayName: optionalText,
  production: z.boolean().optional(),
  contacts: z.array(z.looseObject({ name: text, details: z.record(z.string(), z.unknown()).optional() })).nullish(),
  createdAt: date.optional(),
});

const pactListSchema = z.looseObject({
  _embedded: z
    .looseObject({
      pacts: z.array(
        z.looseObject({
          createdAt: date.optional(),
          _embedded: z.looseObject({ consumerVersion: z.looseObject({ number: text }).optional() }).optional(),
        }),
      ),
    })
    .optional(),
});

const matrixSchema = z.looseObject({
  matrix: z.array(
    z.looseObject({
      provider: z.looseObject({ version: z.looseObject({ number: text }).nullish() }),
      verificationResult: z
        .looseObject({
          success: z.boolean(),
          verifiedAt: date.optional(),
          _links: z.looseObject({ self: z.looseObject({ href: text }) }),
        })
        .nullish(),
    }),
  ),
});

const verificationSchema = z.looseObject({
  providerApplicationVersion: text,
  success: z.boolean(),
  verificationDate: date.optional(),
  buildUrl: optionalText,
  testResults: z.unknown().optional(),
  verifiedBy: z.unknown().optional(),
});

const deploymentSchema = z.looseObject({
  uuid: text,
  currentlyDeployed: z.boolean(),
  applicationInstance: optionalText,
  target: optionalText,
  createdAt: date.optional(),
  undeployedAt: date.nullish(),
  _embedded: z.looseObject({
    pacticipant: named,
    version: z.looseObject({ number: text }),
    environment: z.looseObject({ uuid: text }),
  }),
});

const releaseSchema = z.looseObject({
  uuid: text,
  currentlySupported: z.boolean(),
  createdAt: date.optional(),
  supportEndedAt: date.nullish(),
  _embedded: z.looseObject({
    pacticipant: named,
    version: z.looseObject({ number: text }),
    environment: z.looseObject({ uuid: text }),
  }),
});

const party = z.looseObject({ name: optionalText, label: optionalText }).nullish();
const webhookSchema = z.looseObject({
  uuid: text.optional(),
  description: optionalText,
  consumer: party,
  provider: party,
  enabled: z.boolean().optional(),
  events: z.array(named).optional(),
  request: z.looseObject({
    method: text,
    url: text,
    headers: z.record(z.string(), z.string()).nullish(),
    body: z.unknown().optional(),
    username: optionalText,
    password: optionalText,
  }),
  createdAt: date.optional(),
});

export interface SourcePacticipant {
  name: string;
  displayName?: string | undefined;
  mainBranch?: string | undefined;
  repositoryUrl?: string | undefined;
  repositoryName?: string | undefined;
  repositoryNamespace?: string | undefined;
  labels: string[];
  createdAt?: Date | undefined;
  href: string;
}

export interface SourceVersion {
  number: string;
  buildUrl?: string | undefined;
  createdAt?: Date | undefined;
  branches: string[];
  tags: string[];
}

export type SourceEnvironment = z.infer<typeof environmentSchema> & { href: string };

export interface SourcePublication {
  consumer: string;
  provider: string;
  consumerVersion: string;
  href: string;
  createdAt?: Date | undefined;
}

export interface SourcePact extends SourcePublication {
  /** The pact as stored, without the links and dates the broker adds when serving it. */
  content: Record<string, unknown>;
  /** The source's content SHA (its pact version). */
  sha: string;
}

export interface SourceVerificationRef {
  href: string;
  providerVersion: string;
  verifiedAt?: Date | undefined;
}

export interface SourceVerification {
  href: string;
  providerVersion: string;
  success: boolean;
  verifiedAt?: Date | undefined;
  buildUrl?: string | undefined;
  testResults?: unknown;
  verifiedBy?: unknown;
}

export interface SourceDeployment {
  uuid: string;
  href: string;
  pacticipant: string;
  version: string;
  environmentUuid: string;
  applicationInstance?: string | undefined;
  createdAt?: Date | undefined;
  undeployedAt?: Date | undefined;
  currentlyDeployed: boolean;
}

export interface SourceRelease {
  uuid: string;
  href: string;
  pacticipant: string;
  version: string;
  environmentUuid: string;
  createdAt?: Date | undefined;
  supportEndedAt?: Date | undefined;
  currentlySupported: boolean;
}

export type SourceWebhook = z.infer<typeof webhookSchema> & { uuid: string; href: string };

/** Keys the broker adds to a pact when serving it: removed to get the content as it was published. */
const SERVED_KEYS = ['_links', 'createdAt', 'updatedAt'];

export class SourceBroker {
  private index: HalResource | undefined;

  constructor(readonly client: HalClient) {}

  /** The href of one of the index's relations (templated ones as given). */
  async relation(rel: string): Promise<string> {
    this.index ??= await this.client.get(this.client.url('/'));
    const href = link(this.index, rel)?.href;
    if (!href) throw new Error(`The source's index has no ${rel} relation: is ${this.client.baseUrl} a Pact Broker?`);
    return href;
  }

  async pacticipants(): Promise<SourcePacticipant[]> {
    const items = await this.client.collect(await this.relation('pb:pacticipants'), 'pacticipants');
    // Lists do not always embed labels: each pacticipant's own resource does.
    return Promise.all(
      items.map(async (item) => {
        const href = link(item, 'self')?.href;
        const full = href ? await this.client.get(href) : item;
        const parsed = parse(pacticipantSchema, full, href ?? 'pb:pacticipants');
        return {
          name: parsed.name,
          displayName: parsed.displayName,
          mainBranch: parsed.mainBranch,
          repositoryUrl: parsed.repositoryUrl,
          repositoryName: parsed.repositoryName,
          repositoryNamespace: parsed.repositoryNamespace,
          labels: (parsed._embedded?.labels ?? []).map((label) => label.name),
          createdAt: parsed.createdAt,
          href: href ?? expand(link(this.index!, 'pb:pacticipant')!.href, { pacticipant: parsed.name }),
        };
      }),
    );
  }

  /** A pacticipant's versions, oldest first (the order the source created them in). */
  async versions(pacticipant: SourcePacticipant): Promise<SourceVersion[]> {
    const resource = await this.client.get(pacticipant.href);
    const href = link(resource, 'pb:versions')?.href ?? `${pacticipant.href}/versions`;
    const items = await this.client.collect(href, 'versions');
    const versions = await Promise.all(
      items.map(async (item) => {
        // A list entry without its branches and tags (a brief one) is read in full from its own URL.
        const brief = item._embedded === undefined;
        const self = link(item, 'self')?.href;
        const full = brief && self ? await this.client.get(self) : item;
        const parsed = parse(versionSchema, full, self ?? href);
        const branches = parsed._embedded?.branchVersions ?? parsed._embedded?.branches ?? [];
        return {
          number: parsed.number,
          buildUrl: parsed.buildUrl,
          createdAt: parsed.createdAt,
          branches: [...new Set(branches.map((branch) => branch.name))],
          tags: (parsed._embedded?.tags ?? []).map((tag) => tag.name),
        };
      }),
    );
    return versions.reverse();
  }

  async environments(): Promise<SourceEnvironment[]> {
    const href = await this.relation('pb:environments');
    const items = await this.client.collect(href, 'environments');
    return items.map((item) => ({
      ...parse(environmentSchema, item, href),
      href: link(item, 'self')?.href ?? `${href}/${String(item.uuid)}`,
    }));
  }

  /** The consumer/provider pairs that have pacts, from the newest pact of each. */
  async integrations(): Promise<{ consumer: string; provider: string; pactVersionsHref: string }[]> {
    const latest = await this.client.get(await this.relation('pb:latest-pact-versions'));
    // The pb:pacts relation links each integration's newest pact; a broker without it still lists them.
    const listed = Array.isArray(latest.pacts) ? (latest.pacts as HalResource[]) : [];
    const hrefs = links(latest, 'pb:pacts').map((found) => found.href);
    if (hrefs.length === 0)
      hrefs.push(
        ...listed.flatMap((pact) =>
          links(pact, 'self')
            .slice(0, 1)
            .map((found) => found.href),
        ),
      );
    return Promise.all(
      hrefs.map(async (href) => {
        const pact = await this.client.get(href);
        const consumer = link(pact, 'pb:consumer')?.name;
        const provider = link(pact, 'pb:provider')?.name;
        const all = link(pact, 'pb:all-pact-versions')?.href;
        if (!consumer || !provider || !all)
          throw new Error(`The pact at ${href} has no consumer, provider or pb:all-pact-versions link`);
        return { consumer, provider, pactVersionsHref: all };
      }),
    );
  }

  /** Every consumer version's pact of an integration (the newest revision of each). */
  async publications(integration: {
    consumer: string;
    provider: string;
    pactVersionsHref: string;
  }): Promise<SourcePublication[]> {
    const list = await this.client.get(integration.pactVersionsHref);
    const parsed = parse(pactListSchema, list, integration.pactVersionsHref);
    const entries = (list._embedded?.pacts ?? []) as HalResource[];
    return entries.flatMap((entry, index) => {
      const href = link(entry, 'self')?.href;
      const consumerVersion =
        parsed._embedded!.pacts[index]!._embedded?.consumerVersion?.number ?? versionFromPactUrl(href);
      if (!href || consumerVersion === undefined) return [];
      return [
        {
          consumer: integration.consumer,
          provider: integration.provider,
          consumerVersion,
          href,
          createdAt: parsed._embedded!.pacts[index]!.createdAt,
        },
      ];
    });
  }

  async pact(publication: SourcePublication): Promise<SourcePact | undefined> {
    const served = await this.client.getIfFound(publication.href);
    if (!served) return undefined;
    const sha = link(served, 'pb:pact-version')?.name;
    if (!sha) throw new Error(`The pact at ${publication.href} has no pb:pact-version link naming its content SHA`);
    const createdAt = typeof served.createdAt === 'string' ? new Date(served.createdAt) : publication.createdAt;
    const content = Object.fromEntries(Object.entries(served).filter(([key]) => !SERVED_KEYS.includes(key)));
    return { ...publication, createdAt, content, sha };
  }

  /**
   * The verification results of a pact content, through the matrix of one consumer version that
   * published it: the newest result by each provider version (what the source's matrix counts).
   */
  async verificationsOf(publication: SourcePublication): Promise<SourceVerificationRef[]> {
    const url = this.client.url(matrixPath(publication));
    const matrix = parse(matrixSchema, await this.client.get(url), url);
    const found = new Map<string, SourceVerificationRef>();
    for (const row of matrix.matrix) {
      const result = row.verificationResult;
      if (!result || !row.provider.version) continue;
      found.set(result._links.self.href, {
        href: result._links.self.href,
        providerVersion: row.provider.version.number,
        verifiedAt: result.verifiedAt,
      });
    }
    return [...found.values()];
  }

  async verification(ref: SourceVerificationRef): Promise<SourceVerification | undefined> {
    const served = await this.client.getIfFound(ref.href);
    if (!served) return undefined;
    const parsed = parse(verificationSchema, served, ref.href);
    return {
      href: ref.href,
      providerVersion: parsed.providerApplicationVersion,
      success: parsed.success,
      verifiedAt: parsed.verificationDate ?? ref.verifiedAt,
      buildUrl: parsed.buildUrl,
      testResults: parsed.testResults,
      verifiedBy: parsed.verifiedBy,
    };
  }

  /**
   * Links to every deployment and release a pacticipant ever had in an environment, from the versions
   * deployed or released there (with their history: ended deployments too).
   */
  async deploymentLinks(pacticipant: SourcePacticipant, environment: SourceEnvironment) {
    const href = `${pacticipant.href}/environments/${encodeURIComponent(environment.uuid)}/versions`;
    const versions = await this.client.collect(href, 'versions');
    return {
      deployed: versions.flatMap((version) => links(version, 'pb:deployed-environments').map((found) => found.href)),
      released: versions.flatMap((version) => links(version, 'pb:released-environments').map((found) => found.href)),
    };
  }

  /** The deployments an environment has now (its currently-deployed relation). */
  async currentDeployments(environment: SourceEnvironment): Promise<SourceDeployment[]> {
    const resource = await this.client.get(environment.href);
    const href = link(resource, 'pb:currently-deployed-deployed-versions')?.href;
    if (!href) return [];
    return (await this.client.collect(href, 'deployedVersions')).map((item) => this.toDeployment(item, href));
  }

  async currentReleases(environment: SourceEnvironment): Promise<SourceRelease[]> {
    const resource = await this.client.get(environment.href);
    const href = link(resource, 'pb:currently-supported-released-versions')?.href;
    if (!href) return [];
    return (await this.client.collect(href, 'releasedVersions')).map((item) => this.toRelease(item, href));
  }

  async deployment(href: string): Promise<SourceDeployment | undefined> {
    const served = await this.client.getIfFound(href);
    return served && this.toDeployment(served, href);
  }

  async release(href: string): Promise<SourceRelease | undefined> {
    const served = await this.client.getIfFound(href);
    return served && this.toRelease(served, href);
  }

  private toDeployment(item: HalResource, url: string): SourceDeployment {
    const parsed = parse(deploymentSchema, item, url);
    return {
      uuid: parsed.uuid,
      href: link(item, 'self')?.href ?? url,
      pacticipant: parsed._embedded.pacticipant.name,
      version: parsed._embedded.version.number,
      environmentUuid: parsed._embedded.environment.uuid,
      applicationInstance: parsed.applicationInstance ?? parsed.target,
      createdAt: parsed.createdAt,
      undeployedAt: parsed.undeployedAt ?? undefined,
      currentlyDeployed: parsed.currentlyDeployed,
    };
  }

  private toRelease(item: HalResource, url: string): SourceRelease {
    const parsed = parse(releaseSchema, item, url);
    return {
      uuid: parsed.uuid,
      href: link(item, 'self')?.href ?? url,
      pacticipant: parsed._embedded.pacticipant.name,
      version: parsed._embedded.version.number,
      environmentUuid: parsed._embedded.environment.uuid,
      createdAt: parsed.createdAt,
      supportEndedAt: parsed.supportEndedAt ?? undefined,
      currentlySupported: parsed.currentlySupported,
    };
  }

  async webhooks(): Promise<SourceWebhook[]> {
    const list = await this.client.get(await this.relation('pb:webhooks'));
    return Promise.all(
      links(list, 'pb:webhooks').map(async (found) => {
        const parsed = parse(webhookSchema, await this.client.get(found.href), found.href);
        const uuid = parsed.uuid ?? decodeURIComponent(found.href.split('/').pop()!);
        return { ...parsed, uuid, href: found.href };
      }),
    );
  }
}

/** The matrix of a consumer version's pact with its provider (10 000 rows: our broker's and the reference's most). */
export function matrixPath(publication: { consumer: string; consumerVersion: string; provider: string }): string {
  const query = [
    `q[][pacticipant]=${encodeURIComponent(publication.consumer)}`,
    `q[][version]=${encodeURIComponent(publication.consumerVersion)}`,
    `q[][pacticipant]=${encodeURIComponent(publication.provider)}`,
    'limit=10000',
  ].join('&');
  return `/matrix?${query}`;
}

/** The consumer version named by a pact URL (.../version/{number}). */
function versionFromPactUrl(href: string | undefined): string | undefined {
  const match = href === undefined ? null : /\/version\/([^/?]+)$/.exec(href);
  return match ? decodeURIComponent(match[1]!) : undefined;
}
