// The consumer and provider a request names, both required to exist: what every per-integration service
// call starts with. 404 naming the one that is missing (the provider first, as the Pact Broker reports).
import type { Db } from '../db.ts';
import { NotFoundError } from '../domain-errors.ts';
import { PacticipantsRepository, type Pacticipant } from './pacticipants.repository.ts';

export interface IntegrationPair {
  provider: Pacticipant;
  consumer: Pacticipant;
}

export async function findIntegrationPair(
  db: Db,
  providerName: string,
  consumerName: string,
): Promise<IntegrationPair> {
  const pacticipants = new PacticipantsRepository(db);
  const [provider, consumer] = await Promise.all([
    pacticipants.findByName(providerName),
    pacticipants.findByName(consumerName),
  ]);
  if (!provider) throw new NotFoundError(`No provider with name '${providerName}' found`);
  if (!consumer) throw new NotFoundError(`No consumer with name '${consumerName}' found`);
  return { provider, consumer };
}
