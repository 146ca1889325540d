// Every URL the broker hands out, absolute and built from the request's base URL. Path segments are
// percent-encoded ("Pricing Service" -> "Pricing%20Service"), as the Pact Broker does.

const seg = (value: string | number) => encodeURIComponent(String(value));

export class Urls {
  constructor(readonly base: string) {}

  index = () => `${this.base}/`;
  pacticipants = () => `${this.base}/pacticipants`;
  pacticipant = (name: string) => `${this.base}/pacticipants/${seg(name)}`;
  versions = (pacticipant: string) => `${this.pacticipant(pacticipant)}/versions`;
  version = (pacticipant: string, number: string) => `${this.versions(pacticipant)}/${seg(number)}`;
  latestVersion = (pacticipant: string, tag?: string) =>
    `${this.pacticipant(pacticipant)}/latest-version${tag === undefined ? '' : `/${seg(tag)}`}`;
  tags = (pacticipant: string, number: string) => `${this.version(pacticipant, number)}/tags`;
  tag = (pacticipant: string, number: string, tag: string) => `${this.tags(pacticipant, number)}/${seg(tag)}`;
  branches = (pacticipant: string) => `${this.pacticipant(pacticipant)}/branches`;
  branch = (pacticipant: string, branch: string) => `${this.branches(pacticipant)}/${seg(branch)}`;
  branchVersions = (pacticipant: string, branch: string) => `${this.branch(pacticipant, branch)}/versions`;
  branchVersion = (pacticipant: string, branch: string, number: string) =>
    `${this.branchVersions(pacticipant, branch)}/${seg(number)}`;
  labels = (pacticipant: string) => `${this.pacticipant(pacticipant)}/labels`;
  label = (pacticipant: string, label: string) => `${this.labels(pacticipant)}/${seg(label)}`;

  integration = (provider: string, consumer: string) =>
    `${this.base}/pacts/provider/${seg(provider)}/consumer/${seg(consumer)}`;
  pact = (provider: string, consumer: string, consumerVersion: string) =>
    `${this.integration(provider, consumer)}/version/${seg(consumerVersion)}`;
  pactVersions = (provider: string, consumer: string) => `${this.integration(provider, consumer)}/versions`;
  latestPact = (provider: string, consumer: string, tag?: string) =>
    `${this.integration(provider, consumer)}/latest${tag === undefined ? '' : `/${seg(tag)}`}`;
  latestUntaggedPact = (provider: string, consumer: string) =>
    `${this.integration(provider, consumer)}/latest-untagged`;
  pactBySha = (provider: string, consumer: string, sha: string, metadata?: string) =>
    `${this.integration(provider, consumer)}/pact-version/${seg(sha)}${metadata ? `/metadata/${seg(metadata)}` : ''}`;
  verificationResults = (provider: string, consumer: string, sha: string, metadata?: string) =>
    `${this.pactBySha(provider, consumer, sha, metadata)}/verification-results`;
  verificationResult = (provider: string, consumer: string, sha: string, number: number | string) =>
    `${this.verificationResults(provider, consumer, sha)}/${seg(number)}`;
  providerPacts = (provider: string) => `${this.base}/pacts/provider/${seg(provider)}`;
  latestProviderPacts = (provider: string, tag?: string) =>
    `${this.providerPacts(provider)}/latest${tag === undefined ? '' : `/${seg(tag)}`}`;
  forVerification = (provider: string) => `${this.providerPacts(provider)}/for-verification`;
  latestPacts = () => `${this.base}/pacts/latest`;

  environments = () => `${this.base}/environments`;
  environment = (uuid: string) => `${this.environments()}/${seg(uuid)}`;
  currentlyDeployed = (environmentUuid: string) =>
    `${this.environment(environmentUuid)}/deployed-versions/currently-deployed`;
  currentlySupported = (environmentUuid: string) =>
    `${this.environment(environmentUuid)}/released-versions/currently-supported`;
  recordDeployment = (pacticipant: string, number: string, environmentUuid: string) =>
    `${this.version(pacticipant, number)}/deployed-versions/environment/${seg(environmentUuid)}`;
  recordRelease = (pacticipant: string, number: string, environmentUuid: string) =>
    `${this.version(pacticipant, number)}/released-versions/environment/${seg(environmentUuid)}`;
  deployedVersion = (uuid: string) => `${this.base}/deployed-versions/${seg(uuid)}`;
  releasedVersion = (uuid: string) => `${this.base}/released-versions/${seg(uuid)}`;

  matrix = () => `${this.base}/matrix`;
  matrixFor = (consumer: string, consumerVersion: string, provider: string, providerVersion?: string) => {
    const q = `q[][pacticipant]=${seg(consumer)}&q[][version]=${seg(consumerVersion)}&q[][pacticipant]=${seg(provider)}`;
    return `${this.matrix()}?${q}${providerVersion === undefined ? '' : `&q[][version]=${seg(providerVersion)}`}&latestby=cvpv`;
  };
  canIDeploy = () => `${this.base}/can-i-deploy`;

  pacticipantsWithLabel = (label: string) => `${this.pacticipants()}/label/${seg(label)}`;
  pactWebhooks = (provider: string, consumer: string) => `${this.integration(provider, consumer)}/webhooks`;
  verificationTriggeredWebhooks = (provider: string, consumer: string, sha: string, number: number | string) =>
    `${this.verificationResult(provider, consumer, sha, number)}/triggered-webhooks`;
  webhooks = () => `${this.base}/webhooks`;
  webhook = (uuid: string) => `${this.webhooks()}/${seg(uuid)}`;
  triggeredWebhook = (uuid: string) => `${this.base}/triggered-webhooks/${seg(uuid)}`;
  integrations = () => `${this.base}/integrations`;

  diffPreviousDistinct = (provider: string, consumer: string, consumerVersion: string) =>
    `${this.pact(provider, consumer, consumerVersion)}/diff/previous-distinct`;
  latestPactBadge = (provider: string, consumer: string) => `${this.latestPact(provider, consumer)}/badge`;
  providerContract = (provider: string, version: string) =>
    `${this.base}/provider-contracts/provider/${seg(provider)}/version/${seg(version)}`;
  providerContractContent = (provider: string, version: string) =>
    `${this.providerContract(provider, version)}/content`;

  // The dashboard's own pages (ui/).
  integrationMatrix = (provider: string, consumer: string) =>
    `${this.base}/matrix/provider/${seg(provider)}/consumer/${seg(consumer)}`;
  integrationWebhooks = (provider: string, consumer: string) =>
    `${this.base}/webhooks/provider/${seg(provider)}/consumer/${seg(consumer)}`;
  heads = (page?: { number: number; size: number }) =>
    `${this.base}/heads${page === undefined ? '' : `?page=${page.number}&size=${page.size}`}`;
  canIDeployPage = (pacticipant: string, version: string, environment: string) =>
    `${this.canIDeploy()}?pacticipant=${seg(pacticipant)}&version=${seg(version)}&environment=${seg(environment)}`;
  halBrowser = () => `${this.base}/hal-browser/browser.html`;
  /** The dashboard's confirmation page (GET) and action (POST) for deleting something. */
  uiDelete = (kind: 'pacticipant' | 'version' | 'integration', ...names: string[]) =>
    `${this.base}/ui/delete/${kind}/${names.map(seg).join('/')}`;
  network = (pacticipant?: string) =>
    `${this.base}/network${pacticipant === undefined ? '' : `?pacticipant=${seg(pacticipant)}`}`;
}

const PACT = '/pacts/provider/:provider/consumer/:consumer';

/** The routes of the diffs between pacts (pacts/diff-pairs.ts), served by the API and the dashboard. */
export const DIFF_PATHS = {
  'previous-distinct': `${PACT}/version/:version/diff/previous-distinct`,
  version: `${PACT}/version/:version/diff/version/:version2`,
  'pact-version': `${PACT}/pact-version/:sha/diff/pact-version/:sha2`,
} as const;
