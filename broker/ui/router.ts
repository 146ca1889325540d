// The dashboard: HTML pages rendered by the broker, kept apart from the API (as the Ruby broker keeps
// its ui/). Pages on the API's own URLs (`/`, pacts, the integration matrix, diffs, `/environments`)
// answer only browsers (negotiate.ts) and pass every other request on to the API; `/network` is HTML
// only. Pages need read access, like the API they show: read-only users see all of it.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { BrokerConfig } from '../config.ts';
import { authorize } from '../http/auth.ts';
import { NotFoundError, ValidationError } from '../domain-errors.ts';
import { ForbiddenError, UnauthorizedError } from '../http/errors.ts';
import { baseUrlOf } from '../http/hal.ts';
import { pageRequestOf } from '../http/pagination.ts';
import type { QueryObject } from '../rack-query.ts';
import { bothOfDiffPair, DIFF_KINDS } from '../pacts/diff-pairs.ts';
import type { PactRow } from '../pacts/pacts.service.ts';
import { DIFF_PATHS, Urls } from '../urls.ts';
import type { Services } from '../services.ts';
import { wantsHtml } from './negotiate.ts';
import { canIDeployPage } from './pages/can-i-deploy.ts';
import { checkSameOrigin, deleteTarget, type DeleteKind } from './pages/delete.ts';
import { diffPage } from './pages/diff.ts';
import { environmentsPage } from './pages/environments.ts';
import { HEADS_PAGE_SIZE, headsPage } from './pages/heads.ts';
import { indexPage } from './pages/index.ts';
import { matrixPage } from './pages/matrix.ts';
import { matrixQueryPage } from './pages/matrix-query.ts';
import { networkPage } from './pages/network.ts';
import { pactPage } from './pages/pact.ts';
import { pacticipantPage, VERSIONS_PAGE_SIZE } from './pages/pacticipant.ts';
import { providerContractPage } from './pages/provider-contract.ts';
import { integrationWebhooksPage, triggeredWebhookPage } from './pages/webhooks.ts';
import { sendPage } from './render.ts';

type Page = (req: Request, urls: Urls) => Promise<{ view: string; data: Record<string, unknown> }>;

const PACT = '/pacts/provider/:provider/consumer/:consumer';

export function createUiRouter({ services, config }: { services: Services; config: BrokerConfig }): Router {
  const router = express.Router();
  const readAccess = authorize('read', config.auth);
  const writeAccess = authorize('write', config.auth);
  /** Whether the request's credentials may write (the pages hide delete buttons otherwise). */
  const mayWrite = (req: Request): boolean => {
    let allowed = false;
    try {
      writeAccess(req, {} as Response, () => (allowed = true));
    } catch {
      allowed = false;
    }
    return allowed;
  };
  // The dashboard's script (copy buttons) and the HAL browser: static files, the same for everyone.
  router.use('/ui/assets', express.static(join(dirname(fileURLToPath(import.meta.url)), 'assets'), { index: false }));

  const page = (path: string, build: Page, { htmlOnly = false } = {}) => {
    router.get(path, (req: Request, res: Response, next: NextFunction) => {
      // Badges (`.../latest/badge`) are images even when a browser opens them.
      if ((!htmlOnly && !wantsHtml(req)) || req.path.endsWith('/badge')) return next();
      readAccess(req, res, async (denied?: unknown) => {
        if (denied) return next(denied);
        try {
          // Links are paths from the root (under the base URL's own path, if it has one).
          const basePath = new URL(baseUrlOf(req, config.baseUrl)).pathname.replace(/\/$/, '');
          const { view, data } = await build(req, new Urls(basePath));
          // Every page's layout links from the base path; write actions show only to those who may write.
          sendPage(res, 200, view, { ...data, base: basePath, canWrite: mayWrite(req) });
        } catch (error) {
          if (error instanceof NotFoundError || error instanceof ValidationError) {
            sendPage(res, error instanceof NotFoundError ? 404 : 400, './error', {
              title: 'Not found',
              nav: '',
              message: error.message,
            });
          } else next(error);
        }
      });
    });
  };

  const pactView = async (urls: Urls, row: PactRow) => {
    const details = await services.dashboard.consumerVersionDetails(row);
    const previous = await services.pacts.previousDistinct(row);
    const contracts = await services.providerContracts.comparisonsOfPact(row.pactVersionId);
    return {
      view: './pact',
      data: {
        ...pactPage(urls, row, details, previous?.consumerVersionNumber),
        // The provider contracts (OpenAPI documents) this pact was compared with: provider-contracts/.
        providerContracts: contracts.map((contract) => ({
          ...contract,
          path: `${urls.providerContract(contract.providerName, contract.providerVersionNumber)}#pact-${row.sha.slice(0, 12)}`,
        })),
      },
    };
  };
  const p = (req: Request) => req.params as Record<string, string>;

  page('/', async (req, urls) => ({
    view: './index',
    data: indexPage(await services.dashboard.integrations(), urls, req),
  }));
  page(`${PACT}/version/:version`, async (req, urls) =>
    pactView(urls, await services.pacts.forConsumerVersion(p(req).provider!, p(req).consumer!, p(req).version!)),
  );
  page(`${PACT}/latest`, async (req, urls) =>
    pactView(urls, await services.pacts.latest(p(req).provider!, p(req).consumer!)),
  );
  page(`${PACT}/latest/:tag`, async (req, urls) =>
    pactView(urls, await services.pacts.latest(p(req).provider!, p(req).consumer!, { tag: p(req).tag! })),
  );
  page(`${PACT}/branch/:branch/latest`, async (req, urls) =>
    pactView(urls, await services.pacts.latest(p(req).provider!, p(req).consumer!, { branch: p(req).branch! })),
  );
  page(`${PACT}/pact-version/:sha`, async (req, urls) =>
    pactView(urls, await services.pacts.bySha(p(req).provider!, p(req).consumer!, p(req).sha!)),
  );
  page(`${PACT}/pact-version/:sha/metadata/:metadata`, async (req, urls) =>
    pactView(urls, await services.pacts.bySha(p(req).provider!, p(req).consumer!, p(req).sha!)),
  );
  for (const kind of DIFF_KINDS) {
    page(DIFF_PATHS[kind], async (req, urls) => {
      const [from, to] = await bothOfDiffPair(services.pacts, p(req), kind);
      return { view: './diff', data: diffPage(urls, from, to, await services.pacts.diffText(from, to)) };
    });
  }
  page('/matrix/provider/:provider/consumer/:consumer', async (req, urls) => {
    const { provider, consumer } = p(req) as { provider: string; consumer: string };
    const answer = await services.matrix.find([{ pacticipant: consumer }, { pacticipant: provider }], {
      latestby: 'cvpv',
      limit: 100,
      ignore: [],
    });
    return {
      view: './matrix',
      data: matrixPage(urls, provider, consumer, answer, await services.matrix.decorations(answer)),
    };
  });
  page('/provider-contracts/provider/:provider/version/:version', async (req, urls) => ({
    view: './provider-contract',
    data: providerContractPage(urls, await services.providerContracts.find(p(req).provider!, p(req).version!)),
  }));
  page('/environments', async () => ({ view: './environments', data: await environmentsPage(services.environments) }));
  page(
    '/network',
    async (req, urls) => ({
      view: './network',
      data: await networkPage(
        urls,
        await services.dashboard.integrations(),
        typeof req.query.pacticipant === 'string' ? req.query.pacticipant : undefined,
      ),
    }),
    { htmlOnly: true },
  );
  const text = (req: Request, name: string) => {
    const value = req.query[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  page('/can-i-deploy', async (req, urls) => {
    const [pacticipant, version, environment] = [
      text(req, 'pacticipant'),
      text(req, 'version'),
      text(req, 'environment'),
    ];
    return {
      view: './can-i-deploy',
      data: await canIDeployPage(services, urls, {
        ...(pacticipant === undefined ? {} : { pacticipant }),
        ...(version === undefined ? {} : { version }),
        ...(environment === undefined ? {} : { environment }),
      }),
    };
  });
  page(
    '/heads',
    async (req, urls) => {
      const page = pageRequestOf(req.query as QueryObject, HEADS_PAGE_SIZE) ?? { number: 1, size: HEADS_PAGE_SIZE };
      const search = (text(req, 'q') ?? '').slice(0, 200);
      const heads = await services.dashboard.heads({
        ...(search === '' ? {} : { search }),
        page: page.number,
        size: page.size,
      });
      return { view: './heads', data: headsPage(urls, heads, page, search) };
    },
    { htmlOnly: true },
  );
  page('/matrix', async (req, urls) => {
    const at = req.originalUrl.indexOf('?');
    return {
      view: './matrix-query',
      data: await matrixQueryPage(services, urls, at < 0 ? '' : req.originalUrl.slice(at + 1)),
    };
  });
  page('/pacticipants/:pacticipant', async (req, urls) => {
    const page = pageRequestOf(req.query as QueryObject, VERSIONS_PAGE_SIZE) ?? { number: 1, size: VERSIONS_PAGE_SIZE };
    return { view: './pacticipant', data: await pacticipantPage(services, urls, p(req).pacticipant!, page) };
  });
  page('/webhooks/provider/:provider/consumer/:consumer', async (req, urls) => ({
    view: './webhooks',
    data: await integrationWebhooksPage(services, urls, p(req).provider!, p(req).consumer!),
  }));
  page('/triggered-webhooks/:uuid', async (req, urls) => ({
    view: './triggered-webhook',
    data: await triggeredWebhookPage(services, urls, p(req).uuid!),
  }));
  // The HAL browser: an empty page whose script (assets/hal-browser.js) reads the API as the user.
  page(
    '/hal-browser/browser.html',
    async () => ({ view: './hal-browser', data: { title: 'API browser', nav: 'api' } }),
    {
      htmlOnly: true,
    },
  );
  // Deleting: a confirmation page, then a POST from it (pages/delete.ts). Browsers only, writers only.
  const DELETES: [DeleteKind, string][] = [
    ['pacticipant', '/ui/delete/pacticipant/:a'],
    ['version', '/ui/delete/version/:a/:b'],
    ['integration', '/ui/delete/integration/:a/:b'],
  ];
  const basePathOf = (req: Request) => new URL(baseUrlOf(req, config.baseUrl)).pathname.replace(/\/$/, '');
  for (const [kind, path] of DELETES) {
    const names = (req: Request) => [p(req).a!, ...(p(req).b === undefined ? [] : [p(req).b!])];
    const refuse = (res: Response, error: unknown, req: Request): boolean => {
      const status =
        error instanceof UnauthorizedError
          ? 401
          : error instanceof ForbiddenError
            ? 403
            : error instanceof NotFoundError
              ? 404
              : 0;
      if (status === 0) return false;
      if (status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="Pact Broker"');
      sendPage(res, status, './error', {
        title: 'Not allowed',
        nav: '',
        base: basePathOf(req),
        message: (error as Error).message,
      });
      return true;
    };
    router.get(path, async (req, res, next) => {
      try {
        writeAccess(req, res, () => undefined);
        const urls = new Urls(basePathOf(req));
        const target = deleteTarget(services, urls, kind, names(req));
        await target.check();
        sendPage(res, 200, './delete', {
          title: `Delete ${target.what}`,
          nav: '',
          base: basePathOf(req),
          what: target.what,
          consequences: target.consequences,
          cancel: target.cancel,
          action: urls.uiDelete(kind, ...names(req)),
        });
      } catch (error) {
        if (!refuse(res, error, req)) next(error);
      }
    });
    router.post(path, async (req, res, next) => {
      try {
        writeAccess(req, res, () => undefined);
        checkSameOrigin(req);
        const target = deleteTarget(services, new Urls(basePathOf(req)), kind, names(req));
        await target.remove();
        res.redirect(303, target.after);
      } catch (error) {
        if (!refuse(res, error, req)) next(error);
      }
    });
  }
  return router;
}
