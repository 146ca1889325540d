// Test material for provider contracts: a small OpenAPI document of an "Animals" provider, and pacts
// (specification V3, with matchers as pact-js writes them) that fit it or break it in one way each.
export const PROVIDER = 'Animals';
export const CONSUMER = 'Zoo';

export function animalsDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'Animals', version: '1.0.0' },
    paths: {
      '/animals/{id}': {
        get: {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: {
            '200': {
              description: 'An animal',
              headers: { 'X-Request-Id': { schema: { type: 'string' } } },
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Animal' } } },
            },
            '404': {
              description: 'No such animal',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
          },
        },
      },
      '/animals': {
        get: {
          parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1 } }],
          responses: {
            '200': {
              description: 'Animals',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: { animals: { type: 'array', items: { $ref: '#/components/schemas/Animal' } } },
                    required: ['animals'],
                  },
                },
              },
            },
          },
        },
        post: {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { name: { type: 'string' }, kind: { enum: ['cat', 'dog'] } },
                  required: ['name', 'kind'],
                },
              },
            },
          },
          responses: {
            '201': {
              description: 'Created',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Animal' } } },
            },
            '400': {
              description: 'Invalid',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Animal: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            name: { type: 'string' },
            kind: { type: 'string', enum: ['cat', 'dog'] },
            tags: { type: 'array', items: { type: 'string' } },
            born: { type: ['string', 'null'], format: 'date' },
          },
          required: ['id', 'name', 'kind', 'tags'],
          additionalProperties: false,
        },
        Error: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
      },
    },
  };
}

/** The same document in YAML. */
export const ANIMALS_YAML = `openapi: 3.1.0
info: { title: Animals, version: 1.0.0 }
paths:
  /animals/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, schema: { type: integer } }
      responses:
        '200':
          description: An animal
          content:
            application/json:
              schema:
                type: object
                properties:
                  id: { type: integer }
                  name: { type: string }
                required: [id, name]
`;

type Interaction = Record<string, unknown>;

/** A V3 interaction GET /animals/1 answered 200 with `body`, every field matched by type (pact-js `like`). */
export function getAnimal(
  body: Record<string, unknown>,
  overrides: { path?: string; status?: number } = {},
): Interaction {
  return {
    description: `a request for an animal answered ${JSON.stringify(body)} ${overrides.status ?? 200}`,
    providerStates: [{ name: 'an animal exists' }],
    request: { method: 'GET', path: overrides.path ?? '/animals/1' },
    response: {
      status: overrides.status ?? 200,
      headers: { 'Content-Type': 'application/json' },
      body,
      matchingRules: { body: { $: { combine: 'AND', matchers: [{ match: 'type' }] } } },
    },
  };
}

/** GET /animals answered with `tags` an eachLike of `tag` in each animal. */
export function listAnimals(tag: unknown): Interaction {
  return {
    description: `a request for the animals, tags like ${JSON.stringify(tag)}`,
    request: { method: 'GET', path: '/animals', query: { limit: ['5'] } },
    response: {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: { animals: [{ id: 1, name: 'Rex', kind: 'dog', tags: [tag] }] },
      matchingRules: {
        body: {
          '$.animals': { combine: 'AND', matchers: [{ match: 'type', min: 1 }] },
          '$.animals[*].tags': { combine: 'AND', matchers: [{ match: 'type', min: 1 }] },
          '$.animals[*].id': { combine: 'AND', matchers: [{ match: 'integer' }] },
        },
      },
    },
  };
}

export function pact(interactions: Interaction[], consumer = CONSUMER): Record<string, unknown> {
  return {
    consumer: { name: consumer },
    provider: { name: PROVIDER },
    interactions,
    metadata: { pactSpecification: { version: '3.0.0' } },
  };
}
