// What each link relation the broker hands out means: the pages the `curies` of our HAL bodies point
// at (`/doc/{rel}`), so a HAL browser (or a person) following `pb:publish-pact` finds an explanation.
// Written for this broker; the relation names are the Pact Broker's, since clients look them up by name.

export interface RelationDoc {
  /** One line: what the linked resource is. */
  summary: string;
  /** The methods the linked resource answers, each with what it does. */
  methods: [method: string, what: string][];
  /** More detail, when the summary is not enough. */
  notes?: string;
}

const get = (what: string): [string, string] => ['GET', what];

export const RELATION_DOCS: Readonly<Record<string, RelationDoc>> = {
  // Publishing
  'publish-pact': {
    summary: 'The pact of one consumer version with one provider.',
    methods: [
      ['PUT', 'publish the pact (the consumer, provider and version are created when missing)'],
      ['PATCH', 'merge new interactions into the pact already published'],
      ['GET', 'read the pact back'],
      ['DELETE', 'delete this publication (write access)'],
    ],
    notes:
      'Publishing different content for a version that already has a pact is refused with 409 ' +
      'unless the broker allows dangerous contract modification.',
  },
  'publish-contracts': {
    summary: 'Publishes every pact of a consumer version in one request, with its branch, tags and build URL.',
    methods: [['POST', 'publish; the answer lists what was created and any notices']],
  },
  // Pacts of an integration
  'latest-pact-versions': { summary: 'The newest pact of every integration.', methods: [get('list them')] },
  'tagged-pact-versions': {
    summary: 'Every pact between a consumer and a provider whose consumer version carries a tag.',
    methods: [
      get('list them (newest consumer version first)'),
      ['DELETE', 'delete those pacts, with their triggered webhooks and unused content (write access)'],
    ],
  },
  'branch-pact-versions': {
    summary: 'Every pact between a consumer and a provider published from one consumer branch.',
    methods: [get('list them'), ['DELETE', "delete the branch's pacts (write access)"]],
  },
  'latest-branch-pact-versions': {
    summary: 'The newest pact between a consumer and a provider from one consumer branch.',
    methods: [get('list it')],
  },
  'main-branch-pact-versions': {
    summary: "Every pact between a consumer and a provider from the consumer's main branch.",
    methods: [get('list them')],
  },
  'latest-main-branch-pact-versions': {
    summary: "The newest pact between a consumer and a provider from the consumer's main branch.",
    methods: [get('list it')],
  },
  'all-pact-versions': {
    summary: 'Every version of the pact between this consumer and provider.',
    methods: [get('list them'), ['DELETE', "delete all of the integration's pacts (write access)"]],
  },
  'pact-versions': { summary: 'Pacts, listed by consumer version.', methods: [get('list them')] },
  pacts: { summary: 'Pacts, listed by consumer.', methods: [get('list them')] },
  'pact-version': {
    summary: 'A pact content, addressed by its SHA: the same for every consumer version that published it.',
    methods: [get('read the content')],
  },
  'latest-pact-version': {
    summary: 'The pact of the newest consumer version of this integration.',
    methods: [get('read it')],
  },
  'latest-untagged-pact-version': {
    summary: 'The pact of the newest consumer version that has no tag.',
    methods: [get('read it')],
  },
  'latest-tagged-pact-version': {
    summary: 'The pact of the newest consumer version that has a given tag (fill in {tag}).',
    methods: [get('read it')],
  },
  'previous-distinct': {
    summary: 'The newest earlier pact of this integration whose content differs from this one.',
    methods: [get('read it')],
  },
  'diff-previous-distinct': {
    summary: 'What changed between the previous distinct pact and this one, as text.',
    methods: [get('read the differences')],
  },
  diff: {
    summary: 'What differs between this pact content and another one (fill in {pactVersion}, a content SHA).',
    methods: [get('read the differences')],
  },
  'consumer-version': { summary: 'The consumer version that published this pact.', methods: [get('read it')] },
  'consumer-versions': { summary: 'The consumer versions that published this content.', methods: [get('read them')] },
  // Provider-side lists
  'provider-pacts': { summary: 'Every pact with a provider.', methods: [get('list them')] },
  'provider-pacts-with-tag': {
    summary: 'Every pact with a provider whose consumer version carries a tag.',
    methods: [get('list them')],
  },
  'latest-provider-pacts': {
    summary: "A provider's newest pact from each of its consumers.",
    methods: [get('list them')],
  },
  'latest-provider-pacts-with-tag': {
    summary: "A provider's newest pact from each consumer, among consumer versions with a tag.",
    methods: [get('list them')],
  },
  'provider-pacts-with-main-branch': {
    summary: "Every pact with a provider from its consumers' main branches.",
    methods: [get('list them')],
  },
  'provider-pacts-with-branch': {
    summary: 'Every pact with a provider from consumer versions on a branch.',
    methods: [get('list them')],
  },
  'latest-provider-pacts-with-main-branch': {
    summary: "A provider's newest pact from each consumer's main branch.",
    methods: [get('list them')],
  },
  'latest-provider-pacts-with-branch': {
    summary: "A provider's newest pact from each consumer, among consumer versions on a branch.",
    methods: [get('list them')],
  },
  'provider-pacts-for-verification': {
    summary: 'The pacts a provider build should verify, chosen by consumer version selectors.',
    methods: [
      ['POST', 'send the selectors (mainBranch, matchingBranch, deployedOrReleased, ...) and get the pacts back'],
      get('the same with selectors in the query string'),
    ],
    notes:
      'Each pact comes with a URL to verify, whether it is pending for this provider, and which selectors ' +
      'chose it. WIP pacts are added when asked for.',
  },
  // Pacticipants and versions
  pacticipants: {
    summary: 'Every application known to the broker.',
    methods: [get('list them'), ['POST', 'create one']],
  },
  pacticipant: {
    summary: 'One application (a consumer, a provider or both), by name.',
    methods: [
      get('read it'),
      ['PUT', 'create or replace'],
      ['PATCH', 'update'],
      ['DELETE', 'delete it with everything it owns'],
    ],
  },
  'pacticipants-with-label': { summary: 'The applications carrying a label.', methods: [get('list them')] },
  label: {
    summary: 'A label on an application.',
    methods: [get('read it'), ['PUT', 'add it'], ['DELETE', 'remove it']],
  },
  consumer: { summary: 'The consumer application.', methods: [get('read it')] },
  provider: { summary: 'The provider application.', methods: [get('read it')] },
  consumers: { summary: 'The consumers this applies to.', methods: [get('read them')] },
  providers: { summary: 'The providers this applies to.', methods: [get('read them')] },
  versions: { summary: "An application's versions, newest first.", methods: [get('list them (paged)')] },
  version: {
    summary: 'One version of an application.',
    methods: [
      get('read it'),
      ['PUT', 'create it (with a branch)'],
      ['DELETE', 'delete it and its pacts and verifications'],
    ],
  },
  'pacticipant-version': {
    summary: 'One version of an application, by number.',
    methods: [get('read it'), ['PUT', 'create it'], ['DELETE', 'delete it']],
  },
  'latest-version': { summary: 'The newest version of an application.', methods: [get('read it')] },
  'latest-tagged-version': {
    summary: 'The newest version of an application with a tag.',
    methods: [get('read it')],
  },
  tag: { summary: 'A tag on a version.', methods: [get('read it'), ['PUT', 'add it'], ['DELETE', 'remove it']] },
  'version-tag': {
    summary: 'A tag on a version (fill in {tag}).',
    methods: [['PUT', 'tag the version'], get('read the tag')],
  },
  'pacticipant-version-tag': {
    summary: 'A tag on an application version.',
    methods: [['PUT', 'tag the version'], get('read the tag'), ['DELETE', 'remove the tag']],
  },
  'tag-version': { summary: 'Tags this consumer version (fill in {tag}).', methods: [['PUT', 'add the tag']] },
  'tag-prod-version': { summary: 'Tags this consumer version "prod".', methods: [['PUT', 'add the tag']] },
  branches: {
    summary: "An application's branches.",
    methods: [get('list them'), ['DELETE', 'delete them all except the main branch and those in exclude[] (202)']],
  },
  branch: {
    summary: 'A branch of an application.',
    methods: [get('read it'), ['DELETE', 'delete it (its versions stay)']],
  },
  'pacticipant-branch': {
    summary: 'A branch of an application, by name.',
    methods: [get('read it'), ['DELETE', 'delete it']],
  },
  'branch-version': {
    summary: 'A version on a branch (fill in {version}).',
    methods: [['PUT', 'put the version on the branch'], get('read it')],
  },
  'pacticipant-branch-version': {
    summary: 'A version on a branch of an application.',
    methods: [['PUT', 'put the version on the branch'], get('read it'), ['DELETE', 'take it off the branch']],
  },
  // Environments and deployments
  environments: {
    summary: 'The environments applications are deployed to.',
    methods: [get('list them'), ['POST', 'create one']],
  },
  environment: {
    summary: 'One environment, by UUID.',
    methods: [get('read it'), ['PUT', 'replace it'], ['DELETE', 'delete it']],
  },
  'record-deployment': {
    summary: 'Records that this version was deployed to an environment.',
    methods: [['POST', 'record the deployment (optionally for an application instance)']],
  },
  'record-release': {
    summary: 'Records that this version was released to an environment (several may be supported at once).',
    methods: [['POST', 'record the release']],
  },
  'deployed-environments': {
    summary: 'The environments where this version is currently deployed.',
    methods: [get('list them')],
  },
  'released-environments': {
    summary: 'The environments where this version is released and supported.',
    methods: [get('list them')],
  },
  // Verification
  'publish-verification-results': {
    summary: 'Where a provider build publishes the result of verifying this pact.',
    methods: [['POST', 'publish a result (success, providerApplicationVersion, buildUrl, testResults)']],
  },
  'latest-verification-results': {
    summary: 'The newest verification result of this pact content.',
    methods: [get('read it')],
  },
  'latest-verification-results-where-pacticipant-is-consumer': {
    summary: "The newest verification result of each of this consumer version's pacts, with a summary.",
    methods: [get('read them')],
    notes: '`success` is true only when every pact of the version has a successful newest result.',
  },
  // Matrix and can-i-deploy
  'matrix-for-consumer-version': {
    summary: 'The matrix rows (pact and verification pairs) of this consumer version with this provider.',
    methods: [get('read them')],
  },
  'can-i-deploy-pacticipant-version-to-tag': {
    summary: 'Whether a version can be deployed alongside the versions of its partners that carry a tag.',
    methods: [get('ask; the answer says yes, no or unknown, with the reasons and the rows behind it')],
  },
  'can-i-deploy-pacticipant-version-to-environment': {
    summary: 'Whether a version can be deployed to an environment, given what is deployed there now.',
    methods: [get('ask; the answer says yes, no or unknown, with the reasons and the rows behind it')],
  },
  'can-i-deploy-badge': {
    summary: 'A badge showing whether the latest version with a tag can be deployed to another tag.',
    methods: [get('read the SVG')],
  },
  'can-i-deploy-branch-to-environment-badge': {
    summary: 'A badge showing whether the latest version of a branch can be deployed to an environment.',
    methods: [get('read the SVG')],
  },
  // Webhooks
  webhooks: {
    summary: 'Webhooks: HTTP requests the broker sends when events happen.',
    methods: [get('list them'), ['POST', 'create one']],
  },
  webhook: {
    summary: 'One webhook, by UUID.',
    methods: [get('read it'), ['PUT', 'replace it'], ['DELETE', 'delete it (its logs stay)']],
  },
  create: { summary: 'Creates a webhook in this collection.', methods: [['POST', 'create it']] },
  execute: {
    summary: 'Runs the webhook now, with example data, and shows what happened.',
    methods: [['POST', 'run it']],
  },
  'pact-webhooks': {
    summary: 'The webhooks of this consumer and provider pair.',
    methods: [get('list them'), ['POST', 'create one for the pair']],
  },
  'consumer-webhooks': {
    summary: 'The webhooks of this consumer (for any provider).',
    methods: [get('list them'), ['POST', 'create one']],
  },
  'triggered-webhooks': {
    summary: 'What events triggered webhooks here, and how each delivery went, with logs.',
    methods: [get('list them')],
  },
  // The rest
  integrations: {
    summary: 'Every consumer and provider pair that has pacts.',
    methods: [get('list them (as text/vnd.graphviz too)')],
    notes:
      'DELETE /integrations/provider/{provider}/consumer/{consumer} deletes one integration with its pacts, verifications and webhooks.',
  },
  metrics: { summary: 'Counts of what the broker holds.', methods: [get('read them')] },
};

/** The relation a page is asked for: `pb:x`, `x`, and the webhooks curie's `webhooks-x` all mean `x`. */
export function relationName(requested: string): string {
  const name = requested.replace(/^(pb|beta):/, '');
  return name.startsWith('webhooks-') && RELATION_DOCS[name] === undefined ? name.slice('webhooks-'.length) : name;
}
