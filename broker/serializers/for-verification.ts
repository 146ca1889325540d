// The pacts-for-verification response. The Rust verifier (used by pact-js and the CLIs) needs
// `shortDescription` on every pact and plain-string notices; `pending` appears only when asked for and
// `wip` only on WIP pacts. Each pact's link carries metadata saying why it was selected.
//
// `shortDescription` keeps the Pact Broker's short forms ("latest from main branch", "latest with tag
// prod", "deployed to test"...): some clients build test names from it. The notices are our words.
import {
  isLatest,
  type PactsForVerification,
  type Selection,
  type VerifiablePact,
} from '../for-verification/for-verification.service.ts';
import { encodeMetadata, type SelectorMetadata } from '../for-verification/metadata.ts';
import type { Urls } from '../urls.ts';

function shortDescription({ selector, row }: Selection): string {
  switch (selector.kind) {
    case 'latest':
      return 'latest';
    case 'mainBranch':
      return 'latest from main branch';
    case 'branch':
    case 'matchingBranch':
    case 'eachBranch':
      return `latest from branch ${row.branch}`;
    case 'tag':
      if (selector.latest) return `latest with tag ${row.tag}`;
      return selector.consumer === undefined ? `one of ${row.tag}` : `one of ${selector.consumer} ${row.tag}`;
    case 'deployed':
      return `deployed to ${row.environment}`;
    case 'released':
      return `released in ${row.environment}`;
    case 'environment':
      return row.deployment === 'released' ? `released in ${row.environment}` : `deployed to ${row.environment}`;
    case 'wip':
      return row.branch !== undefined ? `latest from branch ${row.branch}` : `latest with tag ${row.tag}`;
  }
}

// The order the Pact Broker lists a pact's selectors in: overall latest, branches, tags (latest, then
// all), deployed, released; then by name and consumer version.
const RANK: Record<Selection['selector']['kind'], number> = {
  latest: 0,
  mainBranch: 1,
  branch: 2,
  matchingBranch: 2,
  eachBranch: 2,
  wip: 2,
  tag: 3,
  deployed: 5,
  released: 6,
  environment: 7,
};
const rank = ({ selector }: Selection) => RANK[selector.kind] + (selector.kind === 'tag' && !selector.latest ? 1 : 0);
const nameOf = ({ row }: Selection) => row.branch ?? row.tag ?? row.environment ?? '';

function sortedSelections(pact: VerifiablePact): Selection[] {
  return [...pact.selections].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      nameOf(a).localeCompare(nameOf(b)) ||
      (a.selector.consumer ?? '').localeCompare(b.selector.consumer ?? '') ||
      a.row.consumerVersionId - b.row.consumerVersionId,
  );
}

/** One selection, for people: what it selected and the consumer version it resolved to. */
function reason(selection: Selection, provider: string): string {
  const { selector, row } = selection;
  const ofConsumer = selector.consumer !== undefined ? ` of ${selector.consumer}` : '';
  const original =
    selector.kind === 'tag' ? `tag '${selector.tag}'` : selector.kind === 'branch' ? `branch '${selector.branch}'` : '';
  const fallback = selection.fallback ? `, the fallback, as no pact was found for ${original}` : '';
  const text = (() => {
    switch (selector.kind) {
      case 'latest':
        return `the newest version of ${selector.consumer ?? 'a consumer'} that has a pact with ${provider}`;
      case 'mainBranch':
        return `the newest version${ofConsumer} on its main branch '${row.branch}'`;
      case 'branch':
      case 'eachBranch':
        return `the newest version${ofConsumer} on branch '${row.branch}'${fallback}`;
      case 'matchingBranch':
        return `the newest version${ofConsumer} on branch '${row.branch}', the branch of this provider version`;
      case 'tag':
        return selector.latest
          ? `the newest version${ofConsumer} tagged '${row.tag}'${fallback}`
          : `every version${ofConsumer} tagged '${row.tag}'`;
      case 'deployed':
      case 'released':
      case 'environment': {
        const released =
          selector.kind === 'released' || (selector.kind === 'environment' && row.deployment === 'released');
        const where = released
          ? `released to ${row.environment} and still supported`
          : `deployed to ${row.environment}${row.applicationInstance ? ` (instance ${row.applicationInstance})` : ''}`;
        return `a version${ofConsumer} ${where}`;
      }
      case 'wip':
        return `the newest version on ${row.branch !== undefined ? `branch '${row.branch}'` : `tag '${row.tag}'`}`;
    }
  })();
  return `${text} (${row.consumerVersionNumber})`;
}

function metadataOf(pact: VerifiablePact): SelectorMetadata[] {
  return sortedSelections(pact).map((selection) => ({
    consumerVersionId: selection.row.consumerVersionId,
    ...(selection.row.branch !== undefined ? { branch: selection.row.branch } : {}),
    ...(selection.row.tag !== undefined ? { tag: selection.row.tag } : {}),
    ...(selection.row.environment !== undefined ? { environment: selection.row.environment } : {}),
    ...(isLatest(selection) ? { latest: true } : {}),
  }));
}

/** Who the pending status is about: the provider branch, the provider tags given, or any version. */
function verifiers(result: PactsForVerification, tags: string[]): string {
  const provider = result.provider.name;
  const { providerVersionBranch } = result.request;
  if (providerVersionBranch !== undefined) return `a version of ${provider} from branch '${providerVersionBranch}'`;
  if (tags.length > 0) return `a version of ${provider} tagged ${tags.map((tag) => `'${tag}'`).join(' and ')}`;
  return provider;
}

function notices(result: PactsForVerification, pact: VerifiablePact, href: string) {
  const provider = result.provider.name;
  const list: { when: string; text: string }[] = [];
  if (result.request.deprecated) {
    list.push({
      when: 'before_verification',
      text:
        'WARNING: this client asked for pacts for verification with GET, which is deprecated and will be removed; ' +
        'upgrade to a Pact library that POSTs its consumer version selectors.',
    });
  }
  const selections = sortedSelections(pact);
  if (pact.wip) {
    const heads = [...new Set(selections.map((selection) => reason(selection, provider)))];
    const same = heads.length > 1 ? ' (the same content)' : '';
    list.push({
      when: 'before_verification',
      text:
        `The pact at ${href} is verified as a work in progress pact: it is the pact of ${heads.join(' and ')} ` +
        `of ${pact.consumerName}${same}, and ${verifiers(result, result.request.providerVersionTags)} ` +
        'has not yet verified it successfully when it was selected explicitly.',
    });
  } else {
    const reasons = [...new Set(selections.map((selection) => reason(selection, provider)))];
    list.push({
      when: 'before_verification',
      text:
        `The pact at ${href} is verified because its content belongs to the consumer ` +
        `${reasons.length > 1 ? 'versions' : 'version'} selected by:\n${reasons.map((line) => `    * ${line}`).join('\n')}`,
    });
  }
  if (!result.request.includePendingStatus) return list;
  const pendingTags = pact.pendingTags ?? result.request.providerVersionTags;
  const pendingFor = verifiers(result, pendingTags);
  if (pact.wip) {
    list.push({
      when: 'before_verification',
      text:
        `This pact is pending for this version of ${provider} because it is a work in progress pact: ` +
        'if its verification fails, the build does not fail.',
    });
  } else if (pact.pending) {
    list.push({
      when: 'before_verification',
      text:
        `This pact is pending for this version of ${provider}: no successful verification by ${pendingFor} ` +
        'has been published yet, so if its verification fails, the build does not fail.',
    });
  } else {
    const verifiedTags = result.request.providerVersionTags.filter((tag) => !pendingTags.includes(tag));
    list.push({
      when: 'before_verification',
      text: `${verifiers(result, verifiedTags)} has verified this pact successfully before, so if its verification fails, the build fails.`,
    });
  }
  if (!pact.pending) return list;
  list.push(
    {
      when: 'after_verification:success_true_published_false',
      text: `This pact is still pending for ${pendingFor}: the successful result has not been published.`,
    },
    {
      when: 'after_verification:success_false_published_false',
      text: `This pact is still pending for ${pendingFor}: no successful result has been published.`,
    },
    {
      when: 'after_verification:success_true_published_true',
      text:
        `This pact is no longer pending for ${pendingFor}: a successful result has been published, ` +
        `so from now on a failed verification by ${pendingFor} fails the build.`,
    },
    {
      when: 'after_verification:success_false_published_true',
      text: `This pact is still pending for ${pendingFor}: no successful result has been published.`,
    },
  );
  return list;
}

export function pactsForVerificationBody(urls: Urls, result: PactsForVerification) {
  const provider = result.provider.name;
  const { includePendingStatus } = result.request;
  return {
    _embedded: {
      pacts: result.pacts.map((pact) => {
        const metadata = encodeMetadata({
          selectors: metadataOf(pact),
          ...(pact.pending === undefined ? {} : { pending: pact.pending }),
          ...(pact.wip ? { wip: true } : {}),
        });
        const href = urls.pactBySha(provider, pact.consumerName, pact.sha, metadata);
        return {
          shortDescription: sortedSelections(pact).map(shortDescription).join(', '),
          verificationProperties: {
            ...(includePendingStatus ? { pending: pact.pending === true } : {}),
            ...(pact.wip ? { wip: true } : {}),
            notices: notices(result, pact, href),
          },
          _links: {
            self: { href, name: `Pact between ${pact.consumerName} (${pact.consumerVersionNumber}) and ${provider}` },
          },
        };
      }),
    },
    _links: { self: { href: urls.forVerification(provider), title: 'Pacts to be verified' } },
  };
}
