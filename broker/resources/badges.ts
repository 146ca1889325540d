// Status badges (SVG). Read access, or public with BROKER_ENABLE_PUBLIC_BADGE_ACCESS (images in a README
// are fetched without credentials). A badge always renders, whatever is missing: it says what was not
// found. Listed before the pact routes: `.../latest/badge` would otherwise be read as the latest pact
// tagged "badge".
import type { PactBadgeFilter } from '../badges/badges.service.ts';
import {
  route,
  routeOn,
  text,
  type Call,
  type ParamsOf,
  type PathWith,
  type Reply,
  type Route,
} from '../http/resource.ts';
import {
  badgeSvg,
  deployBadge,
  mergeBadge,
  notFoundBadge,
  pactBadge,
  shieldsUrl,
  type Badge,
} from '../serializers/badges.ts';

const SVG = 'image/svg+xml;charset=utf-8';
const PACT = '/pacts/provider/:provider/consumer/:consumer';

const queryText = ({ query }: Call, name: string): string | undefined =>
  typeof query[name] === 'string' && query[name] !== '' ? (query[name] as string).slice(0, 100) : undefined;

/** The badge, drawn here, or a redirect to shields.io when configured (the Pact Broker's default mode). */
function badgeReply(call: Call, badge: Badge, cacheControl = 'no-cache', comment = ''): Reply {
  // A badge shows the status now: proxies and image caches must ask again each time.
  const headers = { 'Cache-Control': cacheControl };
  if (call.config.shieldsIoBaseUrl)
    return { status: 307, headers: { ...headers, Location: shieldsUrl(call.config.shieldsIoBaseUrl, badge) } };
  return text(comment + badgeSvg(badge), SVG, headers);
}

type Integration = { provider: string; consumer: string };

const pactBadgeRoute = <P extends string>(
  path: PathWith<P, Integration>,
  filter: (call: Call<ParamsOf<P>>) => PactBadgeFilter,
): Route =>
  routeOn<ParamsOf<P> & Integration>({
    method: 'get',
    path,
    access: 'badge',
    handler: async (call) => {
      const { provider, consumer } = call.params;
      const which = filter(call);
      const found = await call.services.badges.pactBadge(provider, consumer, which);
      const badge = pactBadge(found.found ? { consumer, provider } : undefined, found.status, {
        label: queryText(call, 'label'),
        initials: call.query.initials === 'true',
        ...(which.providerTag !== undefined && which.tag !== undefined
          ? { consumerTag: which.tag, providerTag: which.providerTag }
          : {}),
      });
      // Which versions the badge was worked out from, for whoever wonders why it says what it says.
      // ("--" cannot appear inside an XML comment.)
      const said =
        `${consumer} version ${found.consumerVersion} revision ${found.revision} ` +
        `${provider} version ${found.providerVersion} number ${found.verificationNumber}`;
      return badgeReply(call, badge, 'no-cache', `<!-- ${said.replace(/--/g, '- -')} -->\n`);
    },
  });

export const badgeRoutes: Route[] = [
  pactBadgeRoute(`${PACT}/latest/badge`, () => ({})),
  pactBadgeRoute(`${PACT}/latest-untagged/badge`, () => ({ untagged: true })),
  pactBadgeRoute(`${PACT}/latest/:tag/badge`, ({ params }) => ({ tag: params.tag })),
  pactBadgeRoute(`${PACT}/branch/:branch/latest/badge`, ({ params }) => ({ branch: params.branch })),
  pactBadgeRoute(
    '/matrix/provider/:provider/latest/:providerTag/consumer/:consumer/latest/:tag/badge',
    ({ params }) => ({ tag: params.tag, providerTag: params.providerTag }),
  ),
  route({
    method: 'get',
    path: '/pacticipants/:pacticipant/branches/:branch/latest-version/can-i-deploy/to-environment/:environment/badge',
    access: 'badge',
    handler: async (call) => {
      const { pacticipant, branch, environment } = call.params;
      const answer = await call.services.badges.canIDeployBranch(pacticipant, branch, environment);
      const badge =
        'notFound' in answer
          ? notFoundBadge(answer.notFound)
          : deployBadge(queryText(call, 'label'), branch, environment, answer.deployable);
      return badgeReply(call, badge);
    },
  }),
  route({
    method: 'get',
    path: '/pacticipants/:pacticipant/latest-version/:tag/can-i-deploy/to/:to/badge',
    access: 'badge',
    handler: async (call) => {
      const { pacticipant, tag, to } = call.params;
      const answer = await call.services.badges.canIDeployTag(pacticipant, tag, to);
      const badge =
        'notFound' in answer
          ? notFoundBadge(answer.notFound)
          : deployBadge(queryText(call, 'label'), tag, to, answer.deployable);
      return badgeReply(call, badge);
    },
  }),
  route({
    method: 'get',
    path: '/pacticipants/:pacticipant/main-branch/can-i-merge/badge',
    access: 'badge',
    handler: async (call) => {
      const answer = await call.services.badges.canIMerge(call.params.pacticipant);
      if ('notFound' in answer) return badgeReply(call, notFoundBadge(answer.notFound));
      // A known answer may be cached briefly (the Pact Broker's default: 30 s).
      return badgeReply(call, mergeBadge(answer.deployable), 'max-age=30');
    },
  }),
];
