// Status badges (SVG). Read access, or public with BROKER_ENABLE_PUBLIC_BADGE_ACCESS (images in a README
// are fetched without credentials). Listed before the pact routes: `.../latest/badge` would otherwise be
// read as the latest pact tagged "badge".
import { text, type Call, type Route } from '../http/resource.ts';
import { badgeSvg } from '../serializers/badges.ts';

const SVG = 'image/svg+xml;charset=utf-8';
// A badge shows the status now: proxies and image caches must ask again each time.
const NO_CACHE = { 'Cache-Control': 'no-cache, no-store, max-age=0' };
const PACT = '/pacts/provider/:provider/consumer/:consumer';

const label = ({ query }: Call, fallback: string) =>
  typeof query.label === 'string' && query.label.trim() !== '' ? query.label.slice(0, 100) : fallback;

const verificationBadge = (
  path: string,
  filter: (call: Call) => { tag?: string; branch?: string; untagged?: boolean },
): Route => ({
  method: 'get',
  path,
  access: 'badge',
  handler: async (call) => {
    const status = await call.services.badges.verificationStatus(
      call.params.provider!,
      call.params.consumer!,
      filter(call),
    );
    return text(badgeSvg(label(call, 'pact'), status), SVG, NO_CACHE);
  },
});

export const badgeRoutes: Route[] = [
  verificationBadge(`${PACT}/latest/badge`, () => ({})),
  verificationBadge(`${PACT}/latest-untagged/badge`, () => ({ untagged: true })),
  verificationBadge(`${PACT}/latest/:tag/badge`, ({ params }) => ({ tag: params.tag! })),
  verificationBadge(`${PACT}/branch/:branch/latest/badge`, ({ params }) => ({ branch: params.branch! })),
  {
    method: 'get',
    path: '/pacticipants/:pacticipant/branches/:branch/latest-version/can-i-deploy/to-environment/:environment/badge',
    access: 'badge',
    handler: async (call) => {
      const { pacticipant, branch, environment } = call.params;
      const status = await call.services.badges.canIDeploy(pacticipant!, branch!, environment!);
      return text(badgeSvg(label(call, 'can-i-deploy'), status), SVG, NO_CACHE);
    },
  },
];
