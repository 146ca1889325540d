// A pacticipant's page: its facts, its versions (paged, newest first, with branches, tags and where each
// is deployed or released), its branches, the environments it is in, its partners (the integrations it is
// in, with their status) and its part of the network.
import type { Services } from '../../services.ts';
import type { Urls } from '../../urls.ts';
import { ago, iso } from '../format.ts';
import { networkPage } from './network.ts';

export const VERSIONS_PAGE_SIZE = 20;
const BRANCHES_SHOWN = 50;

export async function pacticipantPage(
  services: Services,
  urls: Urls,
  name: string,
  page: { number: number; size: number },
) {
  const described = await services.pacticipants.describe(name); // 404 when unknown
  const [{ versions, total, environments }, { branches, total: branchTotal }, integrations] = await Promise.all([
    services.versions.list(name, page),
    services.versions.branches(name, { page: 1, size: BRANCHES_SHOWN }),
    services.dashboard.integrations(),
  ]);
  const live = await Promise.all(
    environments.map(async (environment) => {
      const [{ deployedVersions }, { releasedVersions }] = await Promise.all([
        services.environments.currentlyDeployed(environment.uuid, { pacticipant: name }),
        services.environments.currentlySupported(environment.uuid, { pacticipant: name }),
      ]);
      return {
        name: environment.displayName ?? environment.name,
        production: environment.production,
        versions: [
          ...deployedVersions.map((row) => ({
            version: row.version.number,
            how: row.applicationInstance ? `deployed (${row.applicationInstance})` : 'deployed',
            since: ago(row.createdAt),
            at: iso(row.createdAt),
          })),
          ...releasedVersions.map((row) => ({
            version: row.version.number,
            how: 'released',
            since: ago(row.createdAt),
            at: iso(row.createdAt),
          })),
        ],
      };
    }),
  );
  const environmentsOf = new Map<string, string[]>();
  for (const environment of live)
    for (const v of environment.versions)
      environmentsOf.set(v.version, [...(environmentsOf.get(v.version) ?? []), environment.name]);

  const mine = integrations.filter((row) => row.consumerName === name || row.providerName === name);
  const totalPages = Math.max(1, Math.ceil(total / page.size));
  const at = (number: number) => `${urls.pacticipant(name)}?page=${number}&size=${page.size}`;
  const { pacticipant } = described;
  return {
    title: pacticipant.name,
    nav: '',
    pacticipant: {
      name: pacticipant.name,
      displayName: pacticipant.displayName,
      mainBranch: pacticipant.mainBranch,
      repositoryUrl: pacticipant.repositoryUrl,
      labels: described.labels,
      latestVersion: described.latestVersionNumber ?? null,
      created: ago(pacticipant.createdAt),
      delete: urls.uiDelete('pacticipant', pacticipant.name),
    },
    versions: versions.map(({ version, details }) => ({
      number: version.number,
      branches: details.branches.map((b) => b.name),
      tags: details.tags.map((t) => t.name),
      environments: environmentsOf.get(version.number) ?? [],
      created: ago(version.createdAt),
      at: iso(version.createdAt),
      canIDeploy: live.length > 0,
      delete: urls.uiDelete('version', name, version.number),
    })),
    versionsTotal: total,
    page: {
      number: page.number,
      totalPages,
      previous: page.number > 1 ? at(page.number - 1) : null,
      next: page.number < totalPages ? at(page.number + 1) : null,
    },
    branches: branches.map((branch) => ({ name: branch.name, main: branch.name === pacticipant.mainBranch })),
    branchTotal,
    environments: live.filter((environment) => environment.versions.length > 0),
    firstEnvironment: environments[0]?.name ?? null,
    partners: mine.map((row) => {
      const consumer = row.consumerName === name;
      const partner = consumer ? row.providerName : row.consumerName;
      return {
        name: partner,
        role: consumer ? 'provider' : 'consumer',
        link: urls.pacticipant(partner),
        matrix: urls.integrationMatrix(row.providerName, row.consumerName),
        pact: urls.latestPact(row.providerName, row.consumerName),
        status: row.verification === null ? 'unverified' : row.verification.success ? 'verified' : 'failed',
      };
    }),
    canIDeploy: (version: string) =>
      environments[0] ? urls.canIDeployPage(name, version, environments[0].name) : urls.canIDeploy(),
    network: await networkPage(urls, integrations, name),
  };
}
