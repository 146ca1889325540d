import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { z } from 'zod';
import { backendEndpoints, type Endpoint } from '../backend-client/endpoints.ts';
import { apiStatusSchema, backendHealthSchema, runSchema, successEnvelope } from '../backend-client/schemas.ts';
import { COMMITTED_PACT_FILE } from './backend-pact.ts';
import { coverageProblems, pactInteractions, parseRulePath, rulesAt, type PactInteraction } from './coverage-guard.ts';

const committed = () => pactInteractions(JSON.parse(readFileSync(COMMITTED_PACT_FILE, 'utf8')));

/** One interaction, as pactInteractions reads it from a pact file. */
const interaction = (overrides: Partial<PactInteraction>): PactInteraction => ({
  description: 'an interaction',
  method: 'GET',
  path: '/api/',
  status: 200,
  body: {},
  bodyRules: {},
  ...overrides,
});

const apiOnly: Record<string, Endpoint> = {
  apiStatus: { method: 'GET', path: '/api/', responses: { 200: { when: 'always', body: apiStatusSchema } } },
};

describe('the coverage guard', () => {
  it('finds nothing to report for the committed pact and the client as it is', () => {
    expect(coverageProblems(committed(), backendEndpoints)).to.deep.equal([]);
  });

  it('names a field added to the client without a pact change', () => {
    const withDifficulty = {
      ...backendEndpoints,
      getRun: {
        ...backendEndpoints.getRun,
        responses: {
          ...backendEndpoints.getRun.responses,
          200: {
            when: 'the run exists in the session',
            body: successEnvelope(runSchema.extend({ difficulty: z.string() })),
          },
        },
      },
    };
    expect(coverageProblems(committed(), withDifficulty)).to.deep.equal([
      'getRun 200 (the run exists in the session): data.difficulty is read by the client, but no interaction constrains it',
    ]);
  });

  it('names a status the client is prepared for that no interaction answers', () => {
    const withGone = {
      ...backendEndpoints,
      getSession: {
        ...backendEndpoints.getSession,
        responses: { ...backendEndpoints.getSession.responses, 410: backendEndpoints.getSession.responses[404] },
      },
    };
    expect(coverageProblems(committed(), withGone)).to.deep.equal([
      'getSession 410 (no such session): no interaction answers it',
    ]);
  });

  it('names a boolean the pact matches only by type (any boolean would pass)', () => {
    const body = { flavor: 'default', status: 'ok', database_connected: true };
    const typeOnly = interaction({ body, bodyRules: { '$.database_connected': { matchers: [{ match: 'type' }] } } });
    const pinnedFalse = interaction({ body: { ...body, database_connected: false } });
    expect(coverageProblems([typeOnly], apiOnly)).to.deep.equal([
      'apiStatus 200 (always): database_connected is compared with known values by the client, but the pact matches only its type',
    ]);
    expect(coverageProblems([typeOnly, pinnedFalse], apiOnly)).to.deep.equal([
      'apiStatus 200 (always): database_connected = true is a value the client tells apart, but no interaction answers it exactly',
    ]);
  });

  it('names an enum value that no interaction answers exactly', () => {
    const health: Record<string, Endpoint> = {
      health: { method: 'GET', path: '/health', responses: { 200: { when: 'always', body: backendHealthSchema } } },
    };
    const healthy = interaction({ path: '/health', body: { status: 'healthy' } });
    expect(coverageProblems([healthy], health)).to.include(
      'health 200 (always): status = "degraded" is a value the client tells apart, but no interaction answers it exactly',
    );
  });

  it("names an error envelope whose code is only type-matched (the client's callers compare codes)", () => {
    const typeMatchedCode = backendEndpoints.getSession.responses[404];
    const endpoints: Record<string, Endpoint> = {
      getSession: { method: 'GET', path: '/api/game/session/:sessionId', responses: { 404: typeMatchedCode } },
    };
    const notFound = interaction({
      path: '/api/game/session/00000000-0000-4000-8000-000000000000',
      status: 404,
      body: { status: 'error', message: 'Session not found', code: 'not_found', request_id: 'r-1' },
      bodyRules: { '$.code': { matchers: [{ match: 'type' }] } },
    });
    expect(coverageProblems([notFound], endpoints)).to.deep.equal([
      'getSession 404 (no such session): code is compared with known values by the client, but the pact matches only its type',
    ]);
  });

  it('names an interaction for an endpoint the client does not declare', () => {
    const pinned = interaction({ body: { flavor: 'default', status: 'ok', database_connected: true } });
    const root = interaction({ description: 'the service root', path: '/' });
    const falsy = interaction({ body: { flavor: 'default', status: 'ok', database_connected: false } });
    expect(coverageProblems([pinned, falsy, root], apiOnly)).to.deep.equal([
      'interaction "the service root" (GET /) is for no endpoint the client declares',
    ]);
  });

  describe('matching rules, resolved as the verifier resolves them', () => {
    it('reads dotted, bracketed, indexed and wildcard rule paths', () => {
      expect(parseRulePath("$.data.runs[*].run_id['a b'][2].*")).to.deep.equal([
        { key: 'data' },
        { key: 'runs' },
        { any: 'index' },
        { key: 'run_id' },
        { key: 'a b' },
        { index: 2 },
        { any: 'key' },
      ]);
      expect(() => parseRulePath('data.runs')).to.throw('not a matching rule path');
    });

    it("a parent's rule applies to its children; a more specific rule wins; no rule means equality", () => {
      const rules = {
        '$.data': { matchers: [{ match: 'type' }] },
        '$.data.items': { matchers: [{ match: 'type' }] },
        '$.data.items[*].rarity': { matchers: [{ match: 'integer' }] },
        '$.data.code': { matchers: [{ match: 'equality' }] },
      };
      expect(rulesAt(rules, ['data', 'name'])).to.deep.equal(['type']);
      expect(rulesAt(rules, ['data', 'items', 0, 'rarity'])).to.deep.equal(['integer']);
      expect(rulesAt(rules, ['data', 'items', 3, 'name'])).to.deep.equal(['type']);
      expect(rulesAt(rules, ['data', 'code'])).to.deep.equal(['equality']);
      expect(rulesAt(rules, ['status'])).to.deep.equal([]);
    });
  });
});
