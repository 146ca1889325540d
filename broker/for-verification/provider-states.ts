// The provider states a provider must support: collected from the pacts it would verify by default
// (each consumer's newest pact from its main branch), or from a consumer branch, or from what is
// deployed or released in an environment; merged over consumers and sorted by name. This is what
// `pact-broker provider-states list` shows.
import type { PrismaClient } from '../prisma-client.ts';
import { NotFoundError } from '../domain-errors.ts';
import { EnvironmentsRepository } from '../environments/environments.repository.ts';
import type { Selector } from '../schemas/pacts-for-verification.ts';
import type { ForVerificationService } from './for-verification.service.ts';

export interface ProviderState {
  name: string;
  params?: Record<string, unknown>;
  consumers: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The states an interaction (or message) names: V1/V2 `providerState` text, V3/V4 `providerStates` objects. */
function statesOf(interaction: unknown): { name: string; params?: Record<string, unknown> }[] {
  if (!isObject(interaction)) return [];
  if (Array.isArray(interaction.providerStates)) {
    return interaction.providerStates.flatMap((state) =>
      isObject(state) && typeof state.name === 'string'
        ? [{ name: state.name, ...(isObject(state.params) ? { params: state.params } : {}) }]
        : [],
    );
  }
  return typeof interaction.providerState === 'string' ? [{ name: interaction.providerState }] : [];
}

export class ProviderStatesService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly forVerification: ForVerificationService,
  ) {}

  /** `environment` may be the environment's UUID (as the route's name says) or its name (as the CLI sends). */
  async list(providerName: string, from: { branch?: string; environment?: string } = {}): Promise<ProviderState[]> {
    const selector = await this.selector(from);
    const { pacts } = await this.forVerification.find(providerName, {
      consumerVersionSelectors: [selector],
      providerVersionBranch: undefined,
      providerVersionTags: [],
      includePendingStatus: false,
      includeWipPactsSince: undefined,
      deprecated: false,
    });
    const contents = await this.prisma.pactVersion.findMany({
      where: { id: { in: pacts.map((pact) => pact.pactVersionId) } },
      select: { id: true, content: true },
    });
    const contentOf = new Map(contents.map((row) => [row.id, JSON.parse(row.content) as unknown]));
    // Keyed by name and params: the same state with other params is another state to set up.
    const merged = new Map<string, ProviderState>();
    for (const pact of pacts) {
      const content = contentOf.get(pact.pactVersionId);
      if (!isObject(content)) continue;
      const interactions = [
        ...(Array.isArray(content.interactions) ? content.interactions : []),
        ...(Array.isArray(content.messages) ? content.messages : []),
      ];
      for (const state of interactions.flatMap(statesOf)) {
        const key = JSON.stringify([state.name, state.params ?? null]);
        const entry = merged.get(key) ?? { ...state, consumers: [] };
        if (!entry.consumers.includes(pact.consumerName)) entry.consumers.push(pact.consumerName);
        merged.set(key, entry);
      }
    }
    return [...merged.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private async selector(from: { branch?: string; environment?: string }): Promise<Selector> {
    if (from.branch !== undefined) return { kind: 'branch', branch: from.branch };
    if (from.environment === undefined) return { kind: 'mainBranch' };
    const environments = new EnvironmentsRepository(this.prisma);
    // The column is a PostgreSQL uuid: only text shaped like one is looked up as a UUID.
    const looksLikeUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(from.environment);
    const environment =
      (looksLikeUuid ? await environments.byUuid(from.environment) : null) ??
      (await environments.byName(from.environment));
    if (!environment) throw new NotFoundError(`No environment with UUID or name '${from.environment}' found`);
    return { kind: 'environment', environment: environment.name };
  }
}
