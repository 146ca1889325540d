// `POST /webhooks/{uuid}/execute` (and `/webhooks/execute` for an unsaved definition): sends the webhook
// now, as the Pact Broker does: filled in from the newest pact it would fire for (and, for a webhook on
// provider_verification_published, the newest verification between its pacticipants), with the
// Pact Broker's placeholders where there is none, and the event name "test". Nothing is queued or stored.
import type { PrismaClient } from '../prisma-client.ts';
import { Urls } from '../urls.ts';
import type { EventOrigin } from './events.ts';
import type { ExecutionResult, WebhookExecutor } from './executor.ts';
import {
  placeholderPact,
  placeholderVerification,
  templateParameters,
  type PactFacts,
  type VerificationFacts,
} from './parameters.ts';
import { latestPactFor, latestVerificationBetween, TriggersRepository } from './triggers.repository.ts';
import type { StoredWebhookRequest } from './webhook-request.ts';

export interface TestRunTarget {
  request: StoredWebhookRequest;
  consumerId: number | null;
  providerId: number | null;
  events: string[];
  description: string;
}

export async function testRun(
  prisma: PrismaClient,
  executor: WebhookExecutor,
  target: TestRunTarget,
  origin: EventOrigin,
): Promise<ExecutionResult> {
  const repository = new TriggersRepository(prisma);
  const latest = await latestPactFor(prisma, target.consumerId, target.providerId);
  let pact: PactFacts = placeholderPact();
  let verification: VerificationFacts | undefined;
  let mainBranchSuccess: boolean | undefined;
  const verificationFacts = async (found: { number: number; success: boolean; providerVersionId: number }) => ({
    providerVersion: await repository.version(found.providerVersionId),
    success: found.success,
    number: found.number,
  });
  if (latest) {
    pact = {
      consumer: await repository.pacticipant(latest.consumerId),
      provider: await repository.pacticipant(latest.providerId),
      consumerVersion: await repository.version(latest.consumerVersionId),
      sha: latest.sha,
    };
    const ofPact = await repository.latestVerificationOf(latest.pactVersionId);
    verification = ofPact && (await verificationFacts(ofPact));
    mainBranchSuccess = await repository.mainBranchVerificationSuccess(latest.pactVersionId, latest.providerId);
  }
  if (target.events.includes('provider_verification_published')) {
    const newest = await latestVerificationBetween(prisma, target.consumerId, target.providerId);
    verification = newest ? await verificationFacts(newest) : placeholderVerification();
  }
  const parameters = templateParameters(
    new Urls(origin.baseUrl),
    pact,
    verification,
    { eventName: 'test' },
    mainBranchSuccess,
  );
  return executor.execute(
    target.request,
    parameters,
    `[${new Date().toISOString()}] Test execution of webhook "${target.description}"`,
  );
}
