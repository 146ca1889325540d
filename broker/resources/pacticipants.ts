// Pacticipants and their labels, with the Pact Broker's rules (see pacticipants.service.ts) and paging.
import type { PacticipantFields } from '../pacticipants/pacticipants.service.ts';
import { ValidationError } from '../domain-errors.ts';
import { JSON_MEDIA_TYPE, MERGE_PATCH_MEDIA_TYPE } from '../http/json-body.ts';
import { pageRequestOf } from '../http/pagination.ts';
import { created, noContent, ok, type Call, type Route, route } from '../http/resource.ts';
import { createPacticipantSchema, updatePacticipantSchema, type PacticipantUpdate } from '../schemas/pacticipant.ts';
import { labelBody, labelsBody, pacticipantBody, pacticipantsBody } from '../serializers/pacticipants.ts';

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

/** The update, when the name it gives (if any) is the one in the path. */
function nameChecked({ params, body: update }: Call<{ pacticipant: string }, PacticipantUpdate>): PacticipantUpdate {
  if (update.name !== undefined && update.name !== params.pacticipant) {
    throw ValidationError.field('name', `must match the name in the path ("${params.pacticipant}")`);
  }
  return update;
}

const queryText = (call: Call) =>
  typeof call.query.q === 'string' && call.query.q !== '' ? { query: call.query.q } : {};

async function list(call: Call, label?: string) {
  const page = pageRequestOf(call.query);
  const filter = { ...queryText(call), ...(label !== undefined ? { label } : {}) };
  const { items, total } = await call.services.pacticipants.list(filter, page);
  const self = label === undefined ? call.urls.pacticipants() : call.urls.pacticipantsWithLabel(label);
  return ok(pacticipantsBody(call.urls, items, { page, total, self }));
}

export const pacticipantRoutes: Route[] = [
  route({ method: 'get', path: '/pacticipants', access: 'read', handler: (call) => list(call) }),
  route({
    method: 'post',
    path: '/pacticipants',
    access: 'write',
    body: createPacticipantSchema,
    handler: async ({ body: { name, ...rest }, services, urls }) => {
      const pacticipant = await services.pacticipants.create(name, fieldsOf(rest, false));
      const described = await services.pacticipants.describe(pacticipant.name);
      return created(pacticipantBody(urls, described), urls.pacticipant(pacticipant.name));
    },
  }),
  route({
    method: 'get',
    path: '/pacticipants/label/:label',
    access: 'read',
    handler: (call) => list(call, call.params.label),
  }),
  route({
    method: 'get',
    path: '/pacticipants/:pacticipant',
    access: 'read',
    handler: async ({ params, services, urls }) =>
      ok(pacticipantBody(urls, await services.pacticipants.describe(params.pacticipant))),
  }),
  route({
    // Replaces an existing pacticipant's fields; an unknown one is 404 (create it with POST or PATCH).
    method: 'put',
    path: '/pacticipants/:pacticipant',
    access: 'write',
    accepts: [JSON_MEDIA_TYPE],
    body: updatePacticipantSchema,
    handler: async (call) => {
      const update = nameChecked(call);
      const replaced = await call.services.pacticipants.replace(call.params.pacticipant, fieldsOf(update, true));
      return ok(pacticipantBody(call.urls, await call.services.pacticipants.describe(replaced.name)));
    },
  }),
  route({
    method: 'patch',
    path: '/pacticipants/:pacticipant',
    access: 'write',
    accepts: [JSON_MEDIA_TYPE, MERGE_PATCH_MEDIA_TYPE],
    body: updatePacticipantSchema,
    handler: async (call) => {
      const update = nameChecked(call);
      const result = await call.services.pacticipants.upsert(call.params.pacticipant, fieldsOf(update, false));
      const body = pacticipantBody(call.urls, await call.services.pacticipants.describe(result.pacticipant.name));
      return result.created ? created(body, call.urls.pacticipant(result.pacticipant.name)) : ok(body);
    },
  }),
  route({
    method: 'delete',
    path: '/pacticipants/:pacticipant',
    access: 'write',
    handler: async ({ params, services }) => {
      await services.pacticipants.delete(params.pacticipant);
      return noContent();
    },
  }),
  route({
    method: 'get',
    path: '/labels',
    access: 'read',
    handler: async ({ query, services, urls }) => {
      const page = pageRequestOf(query);
      const { names, total } = await services.pacticipants.labelNames(page);
      return ok(labelsBody(urls, names, { page, total, self: `${urls.base}/labels` }));
    },
  }),
  route({
    method: 'get',
    path: '/pacticipants/:pacticipant/labels/:label',
    access: 'read',
    handler: async ({ params, services, urls }) => {
      const label = await services.pacticipants.findLabel(params.pacticipant, params.label);
      return ok(labelBody(urls, params.pacticipant, label));
    },
  }),
  route({
    // Labels the pacticipant, creating it when unknown (as the Pact Broker does).
    method: 'put',
    path: '/pacticipants/:pacticipant/labels/:label',
    access: 'write',
    handler: async ({ params, services, urls }) => {
      const result = await services.pacticipants.addLabel(params.pacticipant, params.label);
      const body = labelBody(urls, params.pacticipant, { name: params.label, createdAt: result.createdAt });
      return result.created ? created(body, urls.label(params.pacticipant, params.label)) : ok(body);
    },
  }),
  route({
    method: 'delete',
    path: '/pacticipants/:pacticipant/labels/:label',
    access: 'write',
    handler: async ({ params, services }) => {
      await services.pacticipants.removeLabel(params.pacticipant, params.label);
      return noContent();
    },
  }),
];
