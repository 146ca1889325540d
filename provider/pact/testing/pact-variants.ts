// Pacts for the specs that prove verification fails when it should. Each is the committed pact cut down
// to a few interactions and changed in one way the backend does not satisfy, so it stays as realistic
// as the consumer's own contract.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_PACTS_DIRECTORY } from '../verification-config.ts';

export const COMMITTED_PACT = join(LOCAL_PACTS_DIRECTORY, 'autofighter-router-autofighter-backend.json');

type Json = Record<string, unknown>;

interface InteractionJson {
  description: string;
  providerStates?: { name: string; params?: Json }[];
  response: { status: number; body: { content: Json }; matchingRules?: { body?: Json } };
}

interface PactJson {
  interactions: InteractionJson[];
}

/** The committed pact with only the named interactions, each changed by its function. */
function variant(changes: Record<string, (interaction: InteractionJson) => void>): PactJson {
  const pact = JSON.parse(readFileSync(COMMITTED_PACT, 'utf8')) as PactJson;
  pact.interactions = pact.interactions.filter((interaction) => interaction.description in changes);
  if (pact.interactions.length !== Object.keys(changes).length)
    throw new Error('the committed pact no longer has the interactions these variants change');
  for (const interaction of pact.interactions) changes[interaction.description]!(interaction);
  return pact;
}

const data = (interaction: InteractionJson) => interaction.response.body.content.data as Json;

/** What each interaction of `brokenPact` gets wrong, and how the verifier's report names it. */
export const BROKEN = {
  renamedField: {
    description: 'a request for a run of a session',
    named: /\$\.data: Actual map is missing the following keys: runId/,
  },
  wrongType: {
    description: 'a request for the first page of 2 runs',
    named: /\$\.pagination\.total_items: Expected 3 \(Integer\) to be the same type as '3' \(String\)/,
  },
  wrongStatus: { description: 'a request to create a game session', named: /expected 200 but was 201/ },
} as const;

/** Three interactions the backend does not satisfy: a renamed field, a wrong type, a wrong status. */
export function brokenPact(): PactJson {
  return variant({
    // The consumer now reads `runId`; the backend sends `run_id`.
    [BROKEN.renamedField.description]: (interaction) => {
      const body = data(interaction);
      body.runId = body.run_id;
      delete body.run_id;
    },
    // The consumer now expects the total as a string; the backend sends a number.
    [BROKEN.wrongType.description]: (interaction) => {
      (interaction.response.body.content.pagination as Json).total_items = '3';
      interaction.response.matchingRules!.body!['$.pagination.total_items'] = {
        combine: 'AND',
        matchers: [{ match: 'type' }],
      };
    },
    // The consumer now expects 200; the backend answers 201 Created.
    [BROKEN.wrongStatus.description]: (interaction) => {
      interaction.response.status = 200;
    },
  });
}

export const MISSPELLED_STATE = 'the backend is helthy';

/** The health check under a state name no handler has: the interaction itself still passes. */
export function misspelledStatePact(): PactJson {
  return variant({
    'a health check': (interaction) => {
      interaction.providerStates = [{ name: MISSPELLED_STATE }];
    },
  });
}

/** A run whose party is not a JSON object: the state handler refuses it. */
export function badStateParametersPact(): PactJson {
  return variant({
    'a request for a run of a session': (interaction) => {
      const [given] = interaction.providerStates!;
      const runs = given!.params!.runs as Json[];
      runs[0]!.party = 'not an object';
    },
  });
}

/** The committed pact cut down to these interactions, unchanged: pacts the backend satisfies. */
export function pactWith(...descriptions: string[]): PactJson {
  return variant(Object.fromEntries(descriptions.map((description) => [description, () => undefined])));
}

/** Two interactions the backend satisfies: an arbitrary small pact for this provider. */
export function smallPact(): PactJson {
  return pactWith('a health check', 'a request to own a player');
}

export function writePact(directory: string, name: string, pact: PactJson): string {
  const path = join(directory, name);
  writeFileSync(path, `${JSON.stringify(pact, null, 2)}\n`);
  return path;
}
