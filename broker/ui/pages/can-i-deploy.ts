// can-i-deploy in the browser: pick a pacticipant, one of its versions and an environment, and see the
// answer (yes, no or unknown), the reasons and the matrix rows behind it. It asks MatrixService.canIDeploy,
// as the API's /can-i-deploy does, so the page and the CLI cannot disagree.
import { ValidationError } from '../../domain-errors.ts';
import type { Services } from '../../services.ts';
import type { Urls } from '../../urls.ts';
import { answerWord, matrixRows } from './matrix-rows.ts';

export interface CanIDeployQuery {
  pacticipant?: string;
  version?: string;
  environment?: string;
}

const RECENT_VERSIONS = 30;

/** Messages of a ValidationError (by field or a list), for showing next to the form. */
export function messagesOf(error: ValidationError): string[] {
  return Array.isArray(error.errors) ? error.errors : Object.values(error.errors).flat();
}

export async function canIDeployPage(services: Services, urls: Urls, query: CanIDeployQuery) {
  const [{ items }, environments] = await Promise.all([services.pacticipants.list(), services.environments.list()]);
  const pacticipants = items.map((item) => item.pacticipant.name);
  // The chosen pacticipant's recent versions, offered in the version field (any number may be typed).
  const versions =
    query.pacticipant !== undefined && pacticipants.includes(query.pacticipant)
      ? (await services.versions.list(query.pacticipant, { number: 1, size: RECENT_VERSIONS })).versions.map(
          (v) => v.version.number,
        )
      : [];
  const base = {
    title: 'Can I deploy?',
    nav: 'can-i-deploy',
    action: urls.canIDeploy(),
    query,
    pacticipants,
    versions,
    environments: environments.map((e) => ({ name: e.name, label: e.displayName ?? e.name })),
  };
  const { pacticipant, version, environment } = query;
  if (pacticipant === undefined || version === undefined || environment === undefined)
    return { ...base, errors: [], result: null };
  try {
    const answer = await services.matrix.canIDeploy(pacticipant, version, { environment });
    const decorations = await services.matrix.decorations(answer);
    return {
      ...base,
      errors: [],
      result: {
        answer: answerWord(answer.status.deployable),
        reasons: answer.status.reasons,
        counts: answer.status.counts,
        rows: matrixRows(urls, answer, decorations),
        // The same question as the CLI asks it, for a build script.
        command: `pact-broker can-i-deploy --pacticipant ${pacticipant} --version ${version} --to-environment ${environment}`,
        apiUrl: urls.canIDeployPage(pacticipant, version, environment),
      },
    };
  } catch (error) {
    if (error instanceof ValidationError) return { ...base, errors: messagesOf(error), result: null };
    throw error;
  }
}
