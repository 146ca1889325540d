// Environments and what is in each: the versions currently deployed (per application instance) and
// the releases currently supported.
import type { EnvironmentsService } from '../../environments/environments.service.ts';
import { ago, iso } from '../format.ts';

export async function environmentsPage(environments: EnvironmentsService) {
  const list = await environments.list();
  const sections = await Promise.all(
    list.map(async (environment) => {
      const [{ deployedVersions }, { releasedVersions }] = await Promise.all([
        environments.currentlyDeployed(environment.uuid, {}),
        environments.currentlySupported(environment.uuid, {}),
      ]);
      return {
        name: environment.name,
        displayName: environment.displayName ?? environment.name,
        production: environment.production,
        deployed: deployedVersions.map((row) => ({
          pacticipant: row.pacticipant.name,
          version: row.version.number,
          instance: row.applicationInstance,
          since: ago(row.createdAt),
          at: iso(row.createdAt),
        })),
        released: releasedVersions.map((row) => ({
          pacticipant: row.pacticipant.name,
          version: row.version.number,
          since: ago(row.createdAt),
          at: iso(row.createdAt),
        })),
      };
    }),
  );
  return { title: 'Environments', nav: 'environments', environments: sections };
}
