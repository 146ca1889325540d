// Pacticipants and their labels.
import type { PacticipantFields } from '../pacticipants/pacticipants.repository.ts';
import { NotFoundError, ValidationError } from '../http/errors.ts';
import { created, noContent, ok, type Route } from '../http/resource.ts';
import { parseInput } from '../http/validate.ts';
import { createPacticipantSchema, updatePacticipantSchema, type PacticipantUpdate } from '../schemas/pacticipant.ts';
import { pacticipantBody, pacticipantsBody } from '../serializers/pacticipants.ts';

const FIELDS = ['displayName', 'mainBranch', 'repositoryUrl', 'repositoryName', 'repositoryNamespace'] as const;

/** PATCH changes the fields given; PUT sets every field (absent ones are cleared). */
function fieldsOf(body: PacticipantUpdate, replace: boolean): PacticipantFields {
  const fields: PacticipantFields = {};
  for (const key of FIELDS) {
    if (body[key] !== undefined) fields[key] = body[key];
    else if (replace) fields[key] = null;
  }
  return fields;
}

function upsert(replace: boolean): Route['handler'] {
  return async ({ params, body, services, urls }) => {
    const update = parseInput(updatePacticipantSchema, body ?? {});
    if (update.name !== undefined && update.name !== params.pacticipant) {
      throw ValidationError.field('name', `must match the name in the path ("${params.pacticipant}")`);
    }
    const result = await services.pacticipants.upsert(params.pacticipant!, fieldsOf(update, replace));
    const described = await services.pacticipants.describe(result.pacticipant.name);
    return result.created
      ? created(pacticipantBody(urls, described), urls.pacticipant(result.pacticipant.name))
      : ok(pacticipantBody(urls, described));
  };
}

export const pacticipantRoutes: Route[] = [
  {
    method: 'get',
    path: '/pacticipants',
    access: 'read',
    handler: async ({ services, urls }) => ok(pacticipantsBody(urls, await services.pacticipants.list())),
  },
  {
    method: 'post',
    path: '/pacticipants',
    access: 'write',
    handler: async ({ body, services, urls }) => {
      const { name, ...rest } = parseInput(createPacticipantSchema, body ?? {});
      const pacticipant = await services.pacticipants.create(name, fieldsOf(rest, false));
      return created(
        pacticipantBody(urls, { pacticipant, latestVersionNumber: undefined, labels: [] }),
        urls.pacticipant(pacticipant.name),
      );
    },
  },
  {
    method: 'get',
    path: '/pacticipants/label/:label',
    access: 'read',
    handler: async ({ params, services, urls }) =>
      ok(pacticipantsBody(urls, await services.pacticipants.list(params.label))),
  },
  {
    method: 'get',
    path: '/pacticipants/:pacticipant',
    access: 'read',
    handler: async ({ params, services, urls }) =>
      ok(pacticipantBody(urls, await services.pacticipants.describe(params.pacticipant!))),
  },
  { method: 'put', path: '/pacticipants/:pacticipant', access: 'write', handler: upsert(true) },
  { method: 'patch', path: '/pacticipants/:pacticipant', access: 'write', handler: upsert(false) },
  {
    method: 'delete',
    path: '/pacticipants/:pacticipant',
    access: 'write',
    handler: async ({ params, services }) => {
      await services.pacticipants.delete(params.pacticipant!);
      return noContent();
    },
  },
  {
    method: 'get',
    path: '/pacticipants/:pacticipant/labels/:label',
    access: 'read',
    handler: async ({ params, services, urls }) => {
      if (!(await services.pacticipants.hasLabel(params.pacticipant!, params.label!)))
        throw new NotFoundError(`${params.pacticipant} has no label '${params.label}'`);
      return ok({
        name: params.label,
        _links: {
          self: { href: urls.label(params.pacticipant!, params.label!) },
          'pb:pacticipant': { href: urls.pacticipant(params.pacticipant!) },
        },
      });
    },
  },
  {
    method: 'put',
    path: '/pacticipants/:pacticipant/labels/:label',
    access: 'write',
    handler: async ({ params, services, urls }) => {
      const result = await services.pacticipants.addLabel(params.pacticipant!, params.label!);
      const body = {
        name: params.label,
        _links: {
          self: { href: urls.label(params.pacticipant!, params.label!) },
          'pb:pacticipant': { href: urls.pacticipant(params.pacticipant!) },
        },
      };
      return result.created ? created(body) : ok(body);
    },
  },
  {
    method: 'delete',
    path: '/pacticipants/:pacticipant/labels/:label',
    access: 'write',
    handler: async ({ params, services }) => {
      await services.pacticipants.removeLabel(params.pacticipant!, params.label!);
      return noContent();
    },
  },
];
