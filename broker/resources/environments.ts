// Environments, and recording what is deployed or released in them.
import { created, noContent, ok, type Call, type Route, route } from '../http/resource.ts';
import { parseInput } from '../http/validate.ts';
import {
  endSupportSchema,
  environmentSchema,
  recordDeploymentSchema,
  undeploySchema,
  type EnvironmentRequest,
} from '../schemas/environment.ts';
import { pageSchema } from '../schemas/version.ts';
import {
  currentlyDeployedBody,
  environmentVersionsBody,
  currentlySupportedBody,
  deployedVersionBody,
  environmentBody,
  environmentsBody,
  releasedVersionBody,
} from '../serializers/environments.ts';
import type { EnvironmentFields } from '../environments/environments.service.ts';
import { displayNameFor } from '../serializers/display-name.ts';

const RECORD = '/pacticipants/:pacticipant/versions/:version';

function fields(request: EnvironmentRequest): EnvironmentFields {
  return {
    name: request.name,
    // A blank display name is none: one is made from the name when shown.
    displayName: request.displayName?.trim() ? request.displayName : null,
    production: request.production,
    contacts: (request.contacts ?? null) as EnvironmentFields['contacts'],
  };
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

type VersionInEnvironment = { pacticipant: string; version: string; environment: string };

async function listDeployments({ params, services, urls }: Call<VersionInEnvironment>) {
  const [pacticipant, version, uuid] = [params.pacticipant, params.version, params.environment];
  const [rows, environment] = await Promise.all([
    services.environments.deploymentsOf(pacticipant, version, uuid),
    services.environments.find(uuid),
  ]);
  const where = displayNameFor(environment.name, environment.displayName);
  return ok({
    _embedded: { deployedVersions: rows.map((row) => deployedVersionBody(urls, row)) },
    _links: {
      self: {
        title: `Deployments of ${pacticipant} version ${version} to ${where}`,
        href: urls.recordDeployment(pacticipant, version, uuid),
      },
    },
  });
}

async function listReleases({ params, services, urls }: Call<VersionInEnvironment>) {
  const [pacticipant, version, uuid] = [params.pacticipant, params.version, params.environment];
  const [rows, environment] = await Promise.all([
    services.environments.releasesOf(pacticipant, version, uuid),
    services.environments.find(uuid),
  ]);
  const where = displayNameFor(environment.name, environment.displayName);
  return ok({
    _embedded: { releasedVersions: rows.map((row) => releasedVersionBody(urls, row)) },
    _links: {
      self: {
        title: `Releases of ${pacticipant} version ${version} to ${where}`,
        href: urls.recordRelease(pacticipant, version, uuid),
      },
    },
  });
}

export const environmentRoutes: Route[] = [
  route({
    method: 'get',
    path: '/environments',
    access: 'read',
    handler: async ({ query, services, urls }) =>
      ok(environmentsBody(urls, await services.environments.list(text(query.name)))),
  }),
  route({
    method: 'post',
    path: '/environments',
    access: 'write',
    body: environmentSchema,
    handler: async ({ body, services, urls }) => {
      const environment = await services.environments.create(fields(body));
      return created(environmentBody(urls, environment), urls.environment(environment.uuid));
    },
  }),
  route({
    method: 'get',
    path: '/environments/:uuid',
    access: 'read',
    handler: async ({ params, services, urls }) =>
      ok(environmentBody(urls, await services.environments.find(params.uuid))),
  }),
  route({
    method: 'put',
    path: '/environments/:uuid',
    access: 'write',
    handler: async ({ params, body, services, urls }) => {
      // 404 before looking at the body, as the Pact Broker does: so the body is parsed here, not by the route.
      await services.environments.find(params.uuid);
      const environment = await services.environments.replace(
        params.uuid,
        fields(parseInput(environmentSchema, body ?? {})),
      );
      return ok(environmentBody(urls, environment));
    },
  }),
  route({
    method: 'delete',
    path: '/environments/:uuid',
    access: 'write',
    handler: async ({ params, services }) => {
      await services.environments.delete(params.uuid);
      return noContent();
    },
  }),
  route({
    method: 'get',
    path: '/environments/:uuid/deployed-versions/currently-deployed',
    access: 'read',
    handler: async ({ params, query, services, urls, req }) => {
      // A blank applicationInstance (or target) asks for the deployments without one.
      const given = (value: unknown) => (typeof value === 'string' ? value : undefined);
      const instance = given(query.applicationInstance) ?? given(query.target);
      const { environment, deployedVersions } = await services.environments.currentlyDeployed(params.uuid, {
        ...(text(query.pacticipant) ? { pacticipant: text(query.pacticipant)! } : {}),
        ...(instance !== undefined ? { applicationInstance: instance } : {}),
      });
      return ok(currentlyDeployedBody(urls, environment, deployedVersions, `${urls.base}${req.originalUrl}`));
    },
  }),
  route({
    method: 'get',
    path: '/pacticipants/:pacticipant/environments/:uuid/versions',
    access: 'read',
    handler: async ({ params, query, services, urls }) => {
      const paging = parseInput(
        pageSchema,
        { pageNumber: query.pageNumber ?? query.page, pageSize: query.pageSize ?? query.size },
        'query',
      );
      const page = { number: paging.pageNumber ?? 1, size: paging.pageSize ?? 100 };
      const found = await services.environments.versionsIn(params.pacticipant, params.uuid, page.number, page.size);
      return ok(environmentVersionsBody(urls, found, page));
    },
  }),
  route({
    method: 'get',
    path: '/environments/:uuid/released-versions/currently-supported',
    access: 'read',
    handler: async ({ params, query, services, urls, req }) => {
      const { environment, releasedVersions } = await services.environments.currentlySupported(params.uuid, {
        ...(text(query.pacticipant) ? { pacticipant: text(query.pacticipant)! } : {}),
        ...(text(query.version) ? { version: text(query.version)! } : {}),
      });
      return ok(currentlySupportedBody(urls, environment, releasedVersions, `${urls.base}${req.originalUrl}`));
    },
  }),
  route({
    method: 'post',
    path: `${RECORD}/deployed-versions/environment/:environment`,
    access: 'write',
    body: recordDeploymentSchema,
    handler: async ({ params, body: request, services, urls }) => {
      const row = await services.environments.recordDeployment(
        params.pacticipant,
        params.version,
        params.environment,
        request.applicationInstance ?? request.target ?? undefined,
      );
      return created(deployedVersionBody(urls, row), urls.deployedVersion(row.uuid));
    },
  }),
  route({
    method: 'get',
    path: `${RECORD}/deployed-versions/environment/:environment`,
    access: 'read',
    handler: listDeployments,
  }),
  route({
    method: 'post',
    path: `${RECORD}/released-versions/environment/:environment`,
    access: 'write',
    handler: async ({ params, services, urls }) => {
      const { release, created: isNew } = await services.environments.recordRelease(
        params.pacticipant,
        params.version,
        params.environment,
      );
      // Recording it again answers 200 with the existing release, still at its Location.
      return isNew
        ? created(releasedVersionBody(urls, release), urls.releasedVersion(release.uuid))
        : ok(releasedVersionBody(urls, release), { Location: urls.releasedVersion(release.uuid) });
    },
  }),
  route({
    method: 'get',
    path: `${RECORD}/released-versions/environment/:environment`,
    access: 'read',
    handler: listReleases,
  }),
  route({
    method: 'get',
    path: '/deployed-versions/:uuid',
    access: 'read',
    handler: async ({ params, services, urls }) =>
      ok(deployedVersionBody(urls, await services.environments.deployedVersion(params.uuid))),
  }),
  route({
    method: 'patch',
    path: '/deployed-versions/:uuid',
    access: 'write',
    body: undeploySchema,
    handler: async ({ params, body: { currentlyDeployed }, services, urls }) => {
      return ok(
        deployedVersionBody(urls, await services.environments.setCurrentlyDeployed(params.uuid, currentlyDeployed)),
      );
    },
  }),
  route({
    method: 'get',
    path: '/released-versions/:uuid',
    access: 'read',
    handler: async ({ params, services, urls }) =>
      ok(releasedVersionBody(urls, await services.environments.releasedVersion(params.uuid))),
  }),
  route({
    method: 'patch',
    path: '/released-versions/:uuid',
    access: 'write',
    body: endSupportSchema,
    handler: async ({ params, body: { currentlySupported }, services, urls }) => {
      return ok(
        releasedVersionBody(urls, await services.environments.setCurrentlySupported(params.uuid, currentlySupported)),
      );
    },
  }),
];
