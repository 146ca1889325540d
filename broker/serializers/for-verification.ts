// The pacts-for-verification response. The Rust verifier (used by pact-js and the CLIs) needs
// `shortDescription` on every pact and plain-string notices; `pending` appears only when asked for and
// `wip` only on WIP pacts. Each pact's link carries metadata saying why it was selected.
import type { PactsForVerification, Selection, VerifiablePact } from '../for-verification/for-verification.service.ts';
import { encodeMetadata, type SelectorMetadata } from '../for-verification/metadata.ts';
import type { Urls } from './urls.ts';

function shortDescription(selection: Selection): string {
  const { selector, row } = selection;
  const fallback = selection.fallback ? 'fallback ' : '';
  switch (selector.kind) {
    case 'mainBranch':
      return 'latest from main branch';
    case 'branch':
    case 'eachBranch':
      return `latest from ${fallback}branch ${row.branch}`;
    case 'matchingBranch':
      return `latest from matching branch ${row.branch}`;
    case 'tag':
      return selector.latest ? `latest with ${fallback}tag ${row.tag}` : `one of ${row.tag}`;
    case 'latest':
      return 'latest';
    case 'deployed':
      return `currently deployed to ${row.environment}${row.applicationInstance ? ` (${row.applicationInstance})` : ''}`;
    case 'released':
      return `currently released to ${row.environment}`;
    case 'deployedOrReleased':
      return `currently in ${row.environment}`;
    case 'wip':
      return `work in progress: latest from ${row.branch !== undefined ? `branch ${row.branch}` : `tag ${row.tag}`}`;
  }
}

function longDescription(selection: Selection): string {
  const { row } = selection;
  return `${shortDescription(selection)} (${row.consumerName} version ${row.consumerVersionNumber})`;
}

function metadataOf(pact: VerifiablePact): SelectorMetadata[] {
  return pact.selections.map(({ selector, row, latest }) => ({
    consumerVersionId: row.consumerVersionId,
    ...(row.branch !== undefined ? { branch: row.branch } : {}),
    ...(row.tag !== undefined ? { tag: row.tag } : {}),
    ...(row.environment !== undefined ? { environment: row.environment } : {}),
    ...(latest && selector.kind !== 'wip' ? { latest: true } : {}),
  }));
}

function target(result: PactsForVerification): string {
  const { providerVersionBranch, providerVersionTags } = result.request;
  if (providerVersionBranch !== undefined) return `branch ${providerVersionBranch} of ${result.provider.name}`;
  if (providerVersionTags.length > 0)
    return `${result.provider.name} versions tagged ${providerVersionTags.join(', ')}`;
  return result.provider.name;
}

function notices(result: PactsForVerification, pact: VerifiablePact, href: string) {
  const unique = [...new Set(pact.selections.map(longDescription))];
  const list: { when: string; text: string }[] = [];
  const on = target(result);
  if (pact.wip) {
    const heads = [
      ...new Set(
        pact.selections.map(
          ({ row }) =>
            `the newest pact of ${row.branch !== undefined ? `branch ${row.branch}` : `tag ${row.tag}`} (${row.consumerName} version ${row.consumerVersionNumber})`,
        ),
      ),
    ];
    list.push({
      when: 'before_verification',
      text: `The pact at ${href} is verified as work in progress: it is ${heads.join(' and ')}, published since ${result.request.includeWipPactsSince!.toISOString().slice(0, 10)}, and ${on} has not verified it successfully yet. It is pending, so a failure will not fail the build.`,
    });
  } else {
    list.push({
      when: 'before_verification',
      text: `The pact at ${href} is being verified because it is the pact of: ${unique.join('; ')}.`,
    });
  }
  if (pact.pending === undefined) return list;
  if (pact.pending) {
    if (!pact.wip)
      list.push({
        when: 'before_verification',
        text: `This pact is pending: ${on} has not verified it successfully yet, so a failure will not fail the build.`,
      });
    list.push(
      {
        when: 'after_verification:success_true_published_false',
        text: `This pact is still pending for ${on}: publish this successful result and later failures will fail the build.`,
      },
      {
        when: 'after_verification:success_false_published_false',
        text: `This pact is pending for ${on}, so this failure does not fail the build.`,
      },
      {
        when: 'after_verification:success_true_published_true',
        text: `This pact is no longer pending for ${on}: from now on, a failed verification fails the build.`,
      },
      {
        when: 'after_verification:success_false_published_true',
        text: `This pact is still pending for ${on}, so this failure does not fail the build.`,
      },
    );
  } else {
    list.push({
      when: 'before_verification',
      text: `${on} has verified this pact successfully before, so a failure will fail the build.`,
    });
  }
  return list;
}

export function pactsForVerificationBody(urls: Urls, result: PactsForVerification) {
  const provider = result.provider.name;
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
          shortDescription: [...new Set(pact.selections.map(shortDescription))].join(', '),
          verificationProperties: {
            ...(pact.pending === undefined ? {} : { pending: pact.pending }),
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
