// `POST /contracts/publish`: a consumer version with its branch, tags and build URL, and its pacts with
// every provider, published in one transaction: either all of it is stored, or (on any error) nothing.
import type { PrismaClient } from '../prisma-client.ts';
import { DEFAULT_BRANCH_SETTINGS, type BranchSettings } from '../config.ts';
import { inTransaction } from '../db.ts';
import { ValidationError } from '../domain-errors.ts';
import { PacticipantsRepository } from '../pacticipants/pacticipants.repository.ts';
import { BranchRules } from '../versions/branch-rules.ts';
import { VersionsRepository, type Version } from '../versions/versions.repository.ts';
import type { PublishContractsRequest } from '../schemas/publish-contracts.ts';
import type { PactContent } from './content.ts';
import type { PactsService, PublishOutcome } from './pacts.service.ts';
import type { EventOrigin } from '../webhooks/events.ts';

export interface Notice {
  type: 'debug' | 'info' | 'warning' | 'prompt' | 'success' | 'error' | 'danger';
  text: string;
}

export interface PublishContractsResult {
  pacticipant: { id: number; name: string };
  version: Version;
  tags: string[];
  branch: string | undefined;
  contracts: PublishOutcome[];
  notices: Notice[];
}

/** Strict base64 (the alphabet, correct padding): anything else is a 400 rather than silently different bytes. */
function decodeBase64(text: string): string | { problem: string } {
  const compact = text.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    return { problem: 'content is not valid base64' };
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'));
  } catch {
    return { problem: 'content does not decode to UTF-8 text' };
  }
}

/**
 * Every contract decoded and read (big ones in worker threads), in order. The problems of every
 * contract are reported together, under `contracts`, each ending "(at index N)" as in the Pact Broker.
 */
async function decodeContracts(request: PublishContractsRequest, pacts: PactsService): Promise<PactContent[]> {
  const problems: string[] = [];
  const read = await Promise.all(
    request.contracts.map(async (contract, index): Promise<PactContent | undefined> => {
      const at = (problem: string) => problems.push(`${problem} (at index ${index})`);
      if (contract.consumerName !== request.pacticipantName)
        at(`consumerName ("${contract.consumerName}") must match pacticipantName ("${request.pacticipantName}")`);
      const text = decodeBase64(contract.content);
      if (typeof text !== 'string') {
        at(text.problem);
        return undefined;
      }
      const names = { consumer: contract.consumerName, provider: contract.providerName };
      try {
        const pact = await pacts.read({ text, field: 'content', names }, text.length);
        if (pact.consumerName !== contract.consumerName)
          at(
            `The consumer name in the pact ("${pact.consumerName}") does not match consumerName ("${contract.consumerName}")`,
          );
        if (pact.providerName !== contract.providerName)
          at(
            `The provider name in the pact ("${pact.providerName}") does not match providerName ("${contract.providerName}")`,
          );
        return pact;
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        for (const message of Object.values(error.errors).flat()) at(message);
        return undefined;
      }
    }),
  );
  if (problems.length > 0) throw new ValidationError({ contracts: problems });
  return read as PactContent[];
}

function versionNotice(
  name: string,
  number: string,
  created: boolean,
  branch: string | undefined,
  tags: string[],
): Notice {
  const parts = [
    branch ? `branch ${branch}` : undefined,
    tags.length > 0 ? `tags ${tags.join(', ')}` : undefined,
  ].filter(Boolean);
  const withParts = parts.length > 0 ? ` with ${parts.join(' and ')}` : '';
  return { type: 'success', text: `${created ? 'Created' : 'Updated'} ${name} version ${number}${withParts}` };
}

function contractNotice(outcome: PublishOutcome): Notice {
  const { consumerName, consumerVersionNumber, providerName } = outcome.row;
  const subject = `Pact for ${consumerName} version ${consumerVersionNumber} and provider ${providerName}`;
  if (!outcome.changed) return { type: 'info', text: `${subject} unchanged: the same content was already published` };
  if (outcome.merged)
    return {
      type: 'success',
      text: `${subject} merged with the pact already published (revision ${outcome.row.revisionNumber})`,
    };
  if (!outcome.created)
    return {
      type: 'warning',
      text: `${subject} replaced with different content (revision ${outcome.row.revisionNumber})`,
    };
  return { type: 'success', text: `${subject} published` };
}

export class PublishContractsService {
  private readonly rules: BranchRules;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly pacts: PactsService,
    branchSettings: BranchSettings = DEFAULT_BRANCH_SETTINGS,
  ) {
    this.rules = new BranchRules(branchSettings);
  }

  async publish(request: PublishContractsRequest, origin?: EventOrigin): Promise<PublishContractsResult> {
    const contents = await decodeContracts(request, this.pacts); // all input is checked before anything is written
    const tags = [...new Set(request.tags ?? [])];
    return inTransaction(this.prisma, async (tx) => {
      const versions = new VersionsRepository(tx);
      const pacticipants = await new PacticipantsRepository(tx).getOrCreateMany([
        request.pacticipantName,
        ...contents.map((pact) => pact.providerName),
      ]);
      const consumer = pacticipants.get(request.pacticipantName)!;
      const { version, created } = await versions.getOrCreate(
        consumer.id,
        request.pacticipantVersionNumber,
        request.buildUrl,
      );
      // Without a branch, the version's first tag may serve as one (branch-rules.ts); either may set the main branch.
      const branch = request.branch ?? (await this.rules.branchFromFirstTag(tx, version, tags));
      await versions.putOnBranchAndTag(consumer.id, version.id, branch, tags);
      await this.rules.detectMainBranch(tx, consumer.id, [branch, ...tags]);

      const notices: Notice[] = [versionNotice(consumer.name, version.number, created, request.branch, tags)];
      if (request.branch === undefined) {
        notices.push({
          type: 'warning',
          text: 'No branch was given: branches make pacts for verification and can-i-deploy work best (publish with --branch)',
        });
      }
      const outcomes = await this.pacts.publishAllInTransaction(
        tx,
        consumer,
        { ...version, created },
        contents.map((pact, index) => ({
          provider: pacticipants.get(pact.providerName)!,
          pact,
          mode: request.contracts[index]!.onConflict === 'merge' ? 'merge' : 'overwrite',
        })),
        origin,
      );
      notices.push(...outcomes.map(contractNotice));
      return { pacticipant: consumer, version, tags, branch: request.branch, contracts: outcomes, notices };
    });
  }
}
