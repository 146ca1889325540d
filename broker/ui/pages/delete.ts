// Deleting from the dashboard: a GET shows what would go and asks to confirm, the confirmation POSTs.
// Both need write access (read-only users never see the buttons, and are refused here); the POST must come
// from the dashboard's own page (Origin), so another site cannot make a signed-in browser delete.
// The deletions are the API's own service calls, each one transaction.
import type { Request } from 'express';
import { ForbiddenError } from '../../http/errors.ts';
import type { Services } from '../../services.ts';
import type { Urls } from '../../urls.ts';

export type DeleteKind = 'pacticipant' | 'version' | 'integration';

interface Target {
  /** What the confirmation page names. */
  what: string;
  /** What goes with it. */
  consequences: string;
  /** Where the browser goes afterwards, and where "Cancel" leads. */
  after: string;
  cancel: string;
  /** Throws NotFoundError when it does not exist. */
  check(): Promise<unknown>;
  remove(): Promise<void>;
}

export function deleteTarget(services: Services, urls: Urls, kind: DeleteKind, names: string[]): Target {
  const [a = '', b = ''] = names;
  switch (kind) {
    case 'pacticipant':
      return {
        what: `the pacticipant ${a}`,
        consequences: 'all its versions, branches, tags, pacts, verifications, deployments, releases and webhooks',
        after: urls.index(),
        cancel: urls.pacticipant(a),
        check: () => services.pacticipants.find(a),
        remove: () => services.pacticipants.delete(a),
      };
    case 'version':
      return {
        what: `version ${b} of ${a}`,
        consequences: 'the pacts it published, the verifications it made, its tags, deployments and releases',
        after: urls.pacticipant(a),
        cancel: urls.pacticipant(a),
        check: () => services.versions.find(a, b),
        remove: () => services.versions.delete(a, b),
      };
    case 'integration':
      // names: provider, consumer
      return {
        what: `the integration between ${b} (consumer) and ${a} (provider)`,
        consequences: 'every pact between them with its verifications, and the webhooks for just this pair',
        after: urls.index(),
        cancel: urls.integrationMatrix(a, b),
        check: () => services.pacts.latest(a, b),
        remove: () => services.integrations.delete(a, b),
      };
  }
}

/** The POST must come from a page of this broker: browsers send Origin on form posts. */
export function checkSameOrigin(req: Request): void {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  const host = req.headers.host;
  const sameOrigin = origin !== undefined && host !== undefined && new URL(origin).host === host;
  if (!sameOrigin && site !== 'same-origin')
    throw new ForbiddenError('Deleting from the dashboard needs a request from its own page');
}
