// A tiny real provider for the pact-js Verifier proof: an Express app serving animals, with state
// set by the verifier's state handlers, and a switch that breaks it the way providers break (a field
// renamed).
import express, { type Express } from 'express';

export interface Animal {
  id: number;
  name: string;
  legs: number;
}

export interface AnimalsProvider {
  app: Express;
  animals: Map<number, Animal>;
  /** When true, `name` is served as `title`: a breaking change for consumers that read `name`. */
  renameNameField: boolean;
}

export function createAnimalsProvider(): AnimalsProvider {
  const provider: AnimalsProvider = { app: express(), animals: new Map(), renameNameField: false };
  provider.app.get('/animals/:id', (req, res) => {
    const animal = provider.animals.get(Number(req.params.id));
    if (!animal) {
      res.status(404).json({ error: 'not found' });
      return;
    }
    const { name, ...rest } = animal;
    res.json(provider.renameNameField ? { ...rest, title: name } : animal);
  });
  provider.app.get('/animals', (_req, res) => {
    res.json({ animals: [...provider.animals.values()] });
  });
  return provider;
}

/** Consumer pacts against the animals provider (V3 format, as pact-js writes them). */
export function animalsPact(
  consumer: string,
  interactions: 'get-animal' | 'get-animal-and-list',
): Record<string, unknown> {
  const getAnimal = {
    description: 'a request for animal 1',
    providerStates: [{ name: 'animal 1 exists' }],
    request: { method: 'GET', path: '/animals/1' },
    response: {
      status: 200,
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: { id: 1, name: 'Dog', legs: 4 },
      matchingRules: { body: { '$.name': { combine: 'AND', matchers: [{ match: 'type' }] } } },
    },
  };
  const listAnimals = {
    description: 'a request for every animal, sorted',
    providerStates: [{ name: 'animal 1 exists' }],
    request: { method: 'GET', path: '/animals', query: { sort: ['name'] } },
    response: { status: 200, body: { animals: [{ id: 1, name: 'Dog', legs: 4 }], sortedBy: 'name' } },
  };
  return {
    consumer: { name: consumer },
    provider: { name: 'Animals' },
    interactions: interactions === 'get-animal' ? [getAnimal] : [getAnimal, listAnimals],
    metadata: { pactSpecification: { version: '3.0.0' } },
  };
}
