// Pacticipant versions, tags and branches.
import { NotFoundError } from '../domain-errors.ts';
import { created, noContent, ok, type Reply, type Route, route } from '../http/resource.ts';
import { pageParts, pageRequestOf } from '../http/pagination.ts';
import { versionSchema } from '../schemas/version.ts';
import { versionWithPlacesBody } from '../serializers/environments.ts';
import { JSON_MEDIA_TYPE, MERGE_PATCH_MEDIA_TYPE } from '../http/json-body.ts';
import {
  branchBody,
  branchVersionBody,
  briefVersionBody,
  tagBody,
  versionBody,
  versionsBody,
} from '../serializers/versions.ts';
import type { Call } from '../http/resource.ts';

type PacticipantVersion = { pacticipant: string; version: string };

async function describeVersion({ params, services, urls }: Call<PacticipantVersion>, status = 200): Promise<Reply> {
  const described = await services.versions.describe(params.pacticipant, params.version);
  return { status, body: versionBody(urls, described) };
}

/**
 * PUT replaces (application/json), PATCH updates (application/merge-patch+json), each creating what is
 * missing (201) and replacing the tags when `tags` is given; the other media type is 415, as in the
 * Pact Broker.
 */
function writeVersion(mode: 'overwrite' | 'update'): Route {
  return route({
    method: mode === 'overwrite' ? 'put' : 'patch',
    path: '/pacticipants/:pacticipant/versions/:version',
    access: 'write',
    accepts: [mode === 'overwrite' ? JSON_MEDIA_TYPE : MERGE_PATCH_MEDIA_TYPE],
    body: versionSchema,
    handler: async (call) => {
      const { tags, ...fields } = call.body;
      const { created: isNew } = await call.services.versions.put(
        call.params.pacticipant,
        call.params.version,
        { ...fields, ...(tags ? { tags: tags.map((tag) => tag.name) } : {}) },
        mode,
      );
      return describeVersion(call, isNew ? 201 : 200);
    },
  });
}

async function listVersions(call: Call<{ pacticipant: string }>, tag?: string): Promise<Reply> {
  const { params, query, services, urls, req } = call;
  const page = pageRequestOf(query);
  const { pacticipant, versions, total, environments } = await services.versions.list(params.pacticipant, page, tag);
  const self =
    tag === undefined
      ? urls.versions(pacticipant.name)
      : `${urls.pacticipant(pacticipant.name)}/tags/${encodeURIComponent(tag)}/versions`;
  return ok(
    versionsBody(urls, pacticipant, versions, environments, {
      page,
      total,
      self,
      requestUrl: `${urls.base}${req.originalUrl}`,
      ...(tag !== undefined ? { title: `Versions of ${pacticipant.name} with the tag ${tag}` } : {}),
    }),
  );
}

export const versionRoutes: Route[] = [
  route({
    method: 'get',
    path: '/pacticipants/:pacticipant/versions',
    access: 'read',
    handler: (call) => listVersions(call),
  }),
  route({
    method: 'get',
    path: '/pacticipants/:pacticipant/tags/:tag/versions',
    access: 'read',
    handler: (call) => listVersions(call, call.params.tag),
  }),
  route({
    method: 'get',
    path: '/pacticipants/:pacticipant/versions/:version',
    access: 'read',
    handler: (call) => describeVersion(call),
  }),
  writeVersion('overwrite'),
  writeVersion('update'),
  route({
    method: 'delete',
    path: '/pacticipants/:pacticipant/versions/:version',
    access: 'write',
    handler: async ({ params, services }) => {
      await services.versions.delete(params.pacticipant, params.version);
      return noContent();
    },
  }),
  route({
    method: 'get',
    path: '/pacticipants/:pacticipant/latest-version',
    access: 'read',
    handler: async ({ params, services, urls }) => {
      const { pacticipant, version } = await services.versions.latest(params.pacticipant);
      return ok(briefVersionBody(urls, pacticipant.name, version));
    },
  }),
  route({
    method: 'get',
    path: '/pacticipants/:pacticipant/latest-version/:tag',
    access: 'read',
    handler: async ({ params, services, urls }) => {
      const { pacticipant, version } = await services.versions.latest(params.pacticipant, params.tag);
      return ok(briefVersionBody(urls, pacticipant.name, version));
    },
  }),

  route({
    method: 'get',
    path: '/pacticipants/:pacticipant/versions/:version/tags',
    access: 'read',
    handler: async ({ params, services, urls }) => {
      const { pacticipant, version, tags } = await services.versions.tags(params.pacticipant, params.version);
      return ok({
        _embedded: { tags: tags.map((tag) => tagBody(urls, pacticipant.name, version.number, tag)) },
        _links: { self: { href: urls.tags(pacticipant.name, version.number) } },
      });
    },
  }),
  route({
    method: 'get',
    path: '/pacticipants/:pacticipant/versions/:version/tags/:tag',
    access: 'read',
    handler: async ({ params, services, urls }) => {
      const { pacticipant, version, tag } = await services.versions.findTag(
        params.pacticipant,
        params.version,
        params.tag,
      );
      return ok(tagBody(urls, pacticipant.name, version.number, tag));
    },
  }),
  route({
    method: 'put',
    path: '/pacticipants/:pacticipant/versions/:version/tags/:tag',
    access: 'write',
    handler: async ({ params, services, urls }) => {
      const { created: isNew } = await services.versions.putTag(params.pacticipant, params.version, params.tag, {
        fromTagResource: true,
      });
      const { pacticipant, version, tag } = await services.versions.findTag(
        params.pacticipant,
        params.version,
        params.tag,
      );
      const body = tagBody(urls, pacticipant.name, version.number, tag);
      return isNew ? created(body, urls.tag(pacticipant.name, version.number, tag.name)) : ok(body);
    },
  }),
  route({
    method: 'delete',
    path: '/pacticipants/:pacticipant/versions/:version/tags/:tag',
    access: 'write',
    handler: async ({ params, services }) => {
      await services.versions.deleteTag(params.pacticipant, params.version, params.tag);
      return noContent();
    },
  }),

  route({
    method: 'get',
    path: '/pacticipants/:pacticipant/branches',
    access: 'read',
    handler: async ({ params, query, services, urls, req }) => {
      const page = pageRequestOf(query) ?? { number: 1, size: 100 };
      const filter = typeof query.q === 'string' && query.q !== '' ? query.q : undefined;
      const { pacticipant, branches, total } = await services.versions.branches(params.pacticipant, {
        ...(filter === undefined ? {} : { query: filter }),
        page: page.number,
        size: page.size,
      });
      const paging = pageParts(page, total, urls.branches(pacticipant.name));
      return ok({
        _embedded: { branches: branches.map((branch) => branchBody(urls, pacticipant, branch, null)) },
        page: paging.page,
        _links: {
          self: { title: `${pacticipant.name} branches`, href: `${urls.base}${req.originalUrl}` },
          'pb:branches': branches.map((branch) => ({
            name: branch.name,
            href: urls.branch(pacticipant.name, branch.name),
          })),
          'pb:pacticipant': { href: urls.pacticipant(pacticipant.name), name: pacticipant.name },
          ...paging.links,
        },
      });
    },
  }),
  route({
    // Deletes every branch but the excluded ones and the main branch (`?exclude[]=feat/x`); the versions stay.
    method: 'delete',
    path: '/pacticipants/:pacticipant/branches',
    access: 'write',
    handler: async ({ params, query, services }) => {
      const exclude = (
        Array.isArray(query.exclude) ? query.exclude : query.exclude === undefined ? [] : [query.exclude]
      ).filter((name): name is string => typeof name === 'string' && name !== '');
      const { pacticipant, deleted, remaining } = await services.versions.deleteBranches(params.pacticipant, exclude);
      const names = remaining.map((branch) => branch.name).sort();
      return {
        status: 202,
        body: {
          notices: [
            {
              type: 'info',
              text:
                `Deleted ${deleted.length} branch${deleted.length === 1 ? '' : 'es'} of ${pacticipant.name}. ` +
                `Branches left: ${names.length > 0 ? names.join(', ') : 'none'}`,
            },
          ],
        },
      };
    },
  }),
  route({
    method: 'get',
    path: '/pacticipants/:pacticipant/branches/:branch',
    access: 'read',
    handler: async ({ params, services, urls }) => {
      const { pacticipant, branch, latest } = await services.versions.findBranch(params.pacticipant, params.branch);
      return ok(branchBody(urls, pacticipant, branch, latest));
    },
  }),
  route({
    method: 'delete',
    path: '/pacticipants/:pacticipant/branches/:branch',
    access: 'write',
    handler: async ({ params, services }) => {
      await services.versions.deleteBranch(params.pacticipant, params.branch);
      return noContent();
    },
  }),
  route({
    method: 'get',
    path: '/pacticipants/:pacticipant/branches/:branch/latest-version',
    access: 'read',
    handler: async ({ params, services, urls }) => {
      const { pacticipant, latest } = await services.versions.findBranch(params.pacticipant, params.branch);
      if (!latest) throw new NotFoundError(`Branch ${params.branch} of ${params.pacticipant} has no versions`);
      return ok(briefVersionBody(urls, pacticipant.name, latest));
    },
  }),
  route({
    method: 'get',
    path: '/pacticipants/:pacticipant/branches/:branch/versions',
    access: 'read',
    handler: async ({ params, query, services, urls, req }) => {
      const page = pageRequestOf(query) ?? { number: 1, size: 100 };
      const found = await services.versions.branchVersions(params.pacticipant, params.branch, {
        page: page.number,
        size: page.size,
      });
      const { pacticipant, branch, versions, total, deployed, released } = found;
      const paging = pageParts(page, total, urls.branchVersions(pacticipant.name, branch.name));
      return ok({
        _embedded: {
          versions: versions.map((version) =>
            versionWithPlacesBody(urls, pacticipant.name, version, deployed, released),
          ),
        },
        page: paging.page,
        _links: {
          self: {
            title: `Versions of ${pacticipant.name} on branch ${branch.name}`,
            href: `${urls.base}${req.originalUrl}`,
          },
          'pb:branch': { href: urls.branch(pacticipant.name, branch.name) },
          ...paging.links,
        },
      });
    },
  }),
  route({
    method: 'get',
    path: '/pacticipants/:pacticipant/branches/:branch/versions/:version',
    access: 'read',
    handler: async ({ params, services, urls }) => {
      const { pacticipant, branch, version } = await services.versions.findBranchVersion(
        params.pacticipant,
        params.branch,
        params.version,
      );
      return ok(branchVersionBody(urls, pacticipant.name, branch.name, version));
    },
  }),
  route({
    method: 'put',
    path: '/pacticipants/:pacticipant/branches/:branch/versions/:version',
    access: 'write',
    handler: async ({ params, services, urls }) => {
      const { created: isNew } = await services.versions.putBranchVersion(
        params.pacticipant,
        params.branch,
        params.version,
      );
      const { pacticipant, branch, version } = await services.versions.findBranchVersion(
        params.pacticipant,
        params.branch,
        params.version,
      );
      const body = branchVersionBody(urls, pacticipant.name, branch.name, version);
      return isNew ? created(body) : ok(body);
    },
  }),
  route({
    method: 'delete',
    path: '/pacticipants/:pacticipant/branches/:branch/versions/:version',
    access: 'write',
    handler: async ({ params, services }) => {
      await services.versions.deleteBranchVersion(params.pacticipant, params.branch, params.version);
      return noContent();
    },
  }),
];
