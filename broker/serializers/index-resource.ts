// `GET /`: the HAL index clients start from. Each relation is the entry point a Pact client looks up
// by name (templated hrefs use the Pact Broker's parameter names).
import type { Link } from '../http/hal.ts';
import type { Urls } from '../urls.ts';

const RELATIONS: [rel: string, path: string, title: string][] = [
  [
    'pb:publish-pact',
    '/pacts/provider/{provider}/consumer/{consumer}/version/{consumerApplicationVersion}',
    'Publish a pact',
  ],
  ['pb:publish-contracts', '/contracts/publish', 'Publish contracts'],
  // Provider contracts (bi-directional contract testing, provider-contracts/): the relations PactFlow's
  // `pactflow publish-provider-contract` command looks for.
  ['pf:publish-provider-contract', '/contracts/publish/{provider}', 'Publish a provider contract (OpenAPI)'],
  [
    'pf:provider-contract',
    '/provider-contracts/provider/{provider}/version/{version}',
    "A provider version's contract",
  ],
  ['pb:latest-pact-versions', '/pacts/latest', 'The newest pact of every integration'],
  [
    'pb:tagged-pact-versions',
    '/pacts/provider/{provider}/consumer/{consumer}/tag/{tag}',
    'Pacts of a consumer and provider whose consumer version has a tag',
  ],
  [
    'pb:branch-pact-versions',
    '/pacts/provider/{provider}/consumer/{consumer}/branch/{branch}',
    'Pacts of a consumer and provider from a consumer branch',
  ],
  [
    'pb:latest-branch-pact-versions',
    '/pacts/provider/{provider}/consumer/{consumer}/branch/{branch}/latest/versions',
    'The newest pact of a consumer branch',
  ],
  [
    'pb:main-branch-pact-versions',
    '/pacts/provider/{provider}/consumer/{consumer}/branch/versions',
    "Pacts from the consumer's main branch",
  ],
  [
    'pb:latest-main-branch-pact-versions',
    '/pacts/provider/{provider}/consumer/{consumer}/branch/latest/versions',
    "The newest pact from the consumer's main branch",
  ],
  [
    'pb:provider-pacts-with-main-branch',
    '/pacts/provider/{provider}/branch',
    "A provider's pacts from its consumers' main branches",
  ],
  [
    'pb:provider-pacts-with-branch',
    '/pacts/provider/{provider}/branch/{branch}',
    "A provider's pacts from a consumer branch",
  ],
  [
    'pb:latest-provider-pacts-with-main-branch',
    '/pacts/provider/{provider}/branch/latest',
    "A provider's newest pacts from its consumers' main branches",
  ],
  [
    'pb:latest-provider-pacts-with-branch',
    '/pacts/provider/{provider}/branch/{branch}/latest',
    "A provider's newest pacts from a consumer branch",
  ],
  ['pb:pacticipants', '/pacticipants', 'Pacticipants'],
  ['pb:pacticipant', '/pacticipants/{pacticipant}', 'A pacticipant, by name'],
  ['pb:latest-provider-pacts', '/pacts/provider/{provider}/latest', "A provider's newest pact from each consumer"],
  [
    'pb:latest-provider-pacts-with-tag',
    '/pacts/provider/{provider}/latest/{tag}',
    "A provider's newest pacts with a consumer version tag",
  ],
  [
    'pb:provider-pacts-with-tag',
    '/pacts/provider/{provider}/tag/{tag}',
    "A provider's pacts with a consumer version tag",
  ],
  ['pb:provider-pacts', '/pacts/provider/{provider}', "A provider's pacts"],
  ['pb:latest-version', '/pacticipants/{pacticipant}/latest-version', 'The newest version of a pacticipant'],
  [
    'pb:latest-tagged-version',
    '/pacticipants/{pacticipant}/latest-version/{tag}',
    'The newest version of a pacticipant with a tag',
  ],
  ['pb:webhooks', '/webhooks', 'Webhooks'],
  ['pb:webhook', '/webhooks/{uuid}', 'Webhook'],
  ['pb:integrations', '/integrations', 'Integrations'],
  [
    'pb:pacticipant-version-tag',
    '/pacticipants/{pacticipant}/versions/{version}/tags/{tag}',
    'A tag of a pacticipant version',
  ],
  ['pb:pacticipant-branch', '/pacticipants/{pacticipant}/branches/{branch}', 'A branch of a pacticipant'],
  [
    'pb:pacticipant-branch-version',
    '/pacticipants/{pacticipant}/branches/{branch}/versions/{version}',
    'A version on a pacticipant branch',
  ],
  ['pb:pacticipant-version', '/pacticipants/{pacticipant}/versions/{version}', 'A pacticipant version'],
  ['pb:metrics', '/metrics', 'Counts of what the broker holds'],
  [
    'pb:can-i-deploy-pacticipant-version-to-tag',
    '/can-i-deploy?pacticipant={pacticipant}&version={version}&to={tag}',
    'Can this version be deployed where the other applications carry this tag?',
  ],
  [
    'pb:can-i-deploy-pacticipant-version-to-environment',
    '/can-i-deploy?pacticipant={pacticipant}&version={version}&environment={environment}',
    'Can this version be deployed to this environment?',
  ],
  [
    'pb:provider-pacts-for-verification',
    '/pacts/provider/{provider}/for-verification',
    'The pacts a provider build should verify',
  ],
  [
    'beta:provider-pacts-for-verification',
    '/pacts/provider/{provider}/for-verification',
    'Old name of pb:provider-pacts-for-verification',
  ],
  ['pb:environments', '/environments', 'Environments'],
  ['pb:environment', '/environments/{uuid}', 'Environment'],
];

export function indexBody(urls: Urls): { _links: Record<string, Link | Link[]> } {
  const links: Record<string, Link | Link[]> = {
    self: { href: urls.index(), title: 'Index', templated: false },
  };
  for (const [rel, path, title] of RELATIONS) {
    links[rel] = { href: `${urls.base}${path}`, title, templated: path.includes('{') };
  }
  links.curies = [
    { name: 'pb', href: `${urls.base}/doc/{rel}?context=index`, templated: true },
    { name: 'beta', href: `${urls.base}/doc/{rel}?context=index`, templated: true },
  ];
  return { _links: links };
}
