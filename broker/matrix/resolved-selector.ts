// A matrix selector resolved to ids: one pacticipant and one version (or all of its versions), how it
// came about (specified by the caller, inferred for an integrated pacticipant, or an ignore selector),
// and the words can-i-deploy uses to describe it.
import type { UnresolvedSelector } from './parse-query.ts';

/** Matches no row: the selector named a pacticipant or version that does not exist. */
export const NO_SUCH_ID = -1;

export interface ResolvedSelector {
  pacticipantId: number;
  pacticipantName: string;
  /** undefined: every version of the pacticipant. */
  versionId?: number;
  versionNumber?: string;
  original: UnresolvedSelector;
  type: 'specified' | 'inferred' | 'ignore';
  ignore: boolean;
  oneOfMany: boolean;
}

export function onlyPacticipantNamed(selector: UnresolvedSelector): boolean {
  const { pacticipant: _name, ...rest } = selector;
  return Object.values(rest).every((value) => value === undefined || value === false);
}

export const isSpecified = (selector: ResolvedSelector) => selector.type === 'specified';
export const versionMissing = (selector: ResolvedSelector) => selector.versionId === NO_SUCH_ID;
export const pacticipantMissing = (selector: ResolvedSelector) => selector.pacticipantId === NO_SUCH_ID;

export function describeSelector(selector: ResolvedSelector): string {
  const { original, pacticipantName: name } = selector;
  const number = versionMissing(selector) ? undefined : selector.versionNumber;
  const latest = original.latest === true;
  const { branch, tag, environment } = original;
  const oneOf = selector.oneOfMany ? 'one of the versions' : 'the version';
  if (latest && tag !== undefined) return `the latest version of ${name} tagged ${tag} (${number ?? 'none exists'})`;
  if (original.mainBranch && number === undefined)
    return `${latest ? 'the latest' : 'a'} version of ${name} on its main branch (the main branch has no versions)`;
  if (latest && original.mainBranch) return `the latest version of ${name} on its main branch (${number})`;
  if (original.mainBranch) return `${oneOf} of ${name} on its main branch (${number})`;
  if (latest && branch !== undefined)
    return `the latest version of ${name} on branch ${branch} (${number ?? 'none exists'})`;
  if (branch !== undefined)
    return number === undefined
      ? `a version of ${name} on branch ${branch} (none exists)`
      : `${oneOf} of ${name} on branch ${branch} (${number})`;
  if (latest) return `the latest version of ${name} (${number ?? 'none exists'})`;
  if (tag !== undefined) return `a version of ${name} tagged ${tag} (${number ?? 'none exists'})`;
  if (environment !== undefined) {
    return number === undefined
      ? `a version of ${name} in ${environment} (none is recorded as deployed or released there)`
      : `${oneOf} of ${name} in ${environment} (${number})`;
  }
  if (original.version !== undefined && versionMissing(selector))
    return `version ${original.version} of ${name} (which does not exist)`;
  if (number !== undefined) return `version ${number} of ${name}`;
  if (pacticipantMissing(selector)) return `any version of ${name} (no such pacticipant)`;
  return `any version of ${name}`;
}

/** Why a specified selector found nothing. */
export function describeMissingVersion(selector: ResolvedSelector): string {
  const { original, pacticipantName: name } = selector;
  if (original.tag !== undefined) return `${name} has no version tagged ${original.tag}`;
  if (original.branch !== undefined) return `${name} has no version on branch ${original.branch}`;
  if (original.mainBranch) return `${name} has no version on its main branch`;
  if (original.environment !== undefined)
    return `No version of ${name} is recorded as deployed or released in ${original.environment}`;
  if (original.version !== undefined) return `Nothing has been published for version ${original.version} of ${name}`;
  return `Nothing has been published for ${name}`;
}
