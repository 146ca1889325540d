// Reading pact files: which pacts in a folder are for this provider, and which provider states their
// interactions use (specification V2 `providerState`, V3 and V4 `providerStates`).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const interactionSchema = z.looseObject({
  description: z.string(),
  providerState: z.string().optional(),
  providerStates: z.array(z.looseObject({ name: z.string() })).optional(),
});
const pactSchema = z.looseObject({
  consumer: z.looseObject({ name: z.string() }),
  provider: z.looseObject({ name: z.string() }),
  interactions: z.array(interactionSchema).default([]),
});

export interface PactInteraction {
  description: string;
  states: string[];
}

export interface PactFile {
  path: string;
  consumer: string;
  provider: string;
  interactions: PactInteraction[];
}

export function readPactFile(path: string): PactFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path} is not a JSON file: ${(error as Error).message}`, { cause: error });
  }
  const parsed = pactSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `${path} is not a pact: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  const { consumer, provider, interactions } = parsed.data;
  return {
    path,
    consumer: consumer.name,
    provider: provider.name,
    interactions: interactions.map(({ description, providerState, providerStates }) => ({
      description,
      states: providerStates?.map((state) => state.name) ?? (providerState ? [providerState] : []),
    })),
  };
}

/** The pact files in `directory` whose provider is `provider`, sorted by name. */
export function pactFilesFor(provider: string, directory: string): PactFile[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => readPactFile(join(directory, name)))
    .filter((pact) => pact.provider === provider);
}

/** Each provider state the pacts use, with how many interactions use it. */
export function statesUsedBy(pacts: readonly PactFile[]): Map<string, number> {
  const used = new Map<string, number>();
  for (const { interactions } of pacts) {
    for (const { states } of interactions) for (const state of states) used.set(state, (used.get(state) ?? 0) + 1);
  }
  return used;
}
