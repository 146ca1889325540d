// The dashboard: HTML pages rendered by the broker, kept apart from the API (as the Ruby broker keeps
// its ui/). Pages on the API's own URLs (`/`, pacts, the integration matrix, diffs, `/environments`)
// answer only browsers (negotiate.ts) and pass every other request on to the API; `/network` is HTML
// only. Pages need read access, like the API they show: read-only users see all of it.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { BrokerConfig } from '../config.ts';
import { authorize } from '../http/auth.ts';
import { NotFoundError, ValidationError } from '../domain-errors.ts';
import { baseUrlOf } from '../http/hal.ts';
import { bothOfDiffPair, DIFF_KINDS } from '../pacts/diff-pairs.ts';
import type { PactRow } from '../pacts/pacts.service.ts';
import { DIFF_PATHS, Urls } from '../urls.ts';
import type { Services } from '../services.ts';
import { wantsHtml } from './negotiate.ts';
import { diffPage } from './pages/diff.ts';
import { environmentsPage } from './pages/environments.ts';
import { indexPage } from './pages/index.ts';
import { matrixPage } from './pages/matrix.ts';
import { networkPage } from './pages/network.ts';
import { pactPage } from './pages/pact.ts';
import { providerContractPage } from './pages/provider-contract.ts';
import { sendPage } from './render.ts';

type Page = (req: Request, urls: Urls) => Promise<{ view: string; data: Record<string, unknown> }>;

const PACT = '/pacts/provider/:provider/consumer/:consumer';

export function createUiRouter({ services, config }: { services: Services; config: BrokerConfig }): Router {
  const router = express.Router();
  const readAccess = authorize('read', config.auth);

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
          sendPage(res, 200, view, data);
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
  return router;
}
