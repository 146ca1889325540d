// `POST /webhooks/{uuid}/execute` (and `/webhooks/execute` for an unsaved definition): sends the webhook
// now, filled in from the newest pact it would fire for (and that pact's latest verification), or from
// placeholders when there is none, and answers with what was sent and received. Nothing is queued.
import type { PrismaClient } from '../prisma-client.ts';
import { Urls } from '../serializers/urls.ts';
import type { EventOrigin } from './events.ts';
import type { ExecutionResult, WebhookExecutor } from './executor.ts';
import { placeholderParameters, templateParameters } from './parameters.ts';
import { latestPactFor, TriggersRepository } from './triggers.repository.ts';
import type { StoredWebhookRequest } from './webhook-request.ts';

export interface TestRunTarget {
  request: StoredWebhookRequest;
  consumerId: number | null;
  providerId: number | null;
  eventName: string;
  description: string;
}

export async function testRun(
  prisma: PrismaClient,
  executor: WebhookExecutor,
  target: TestRunTarget,
  origin: EventOrigin,
): Promise<ExecutionResult> {
  const urls = new Urls(origin.baseUrl);
  const latest = await latestPactFor(prisma, target.consumerId, target.providerId);
  let parameters = placeholderParameters(urls, target.eventName);
  if (latest) {
    const repository = new TriggersRepository(prisma);
    const pact = {
      consumer: await repository.pacticipant(latest.consumerId),
      provider: await repository.pacticipant(latest.providerId),
      consumerVersion: await repository.version(latest.consumerVersionId),
      sha: latest.sha,
    };
    const verification = latest.verification
      ? {
          verification: {
            providerVersion: await repository.version(latest.verification.providerVersionId),
            success: latest.verification.success,
            number: latest.verification.number,
          },
        }
      : {};
    parameters = templateParameters(urls, target.eventName, pact, verification);
  }
  return executor.execute(
    target.request,
    parameters,
    `[${new Date().toISOString()}] Test execution of webhook "${target.description}"`,
  );
}
