// The body of webhook create/update requests (and of executing an unsaved one). The rules are the Pact
// Broker's: events default to contract_content_changed when absent, a consumer or provider is named by
// name or by label (not both), and the target is checked against the policy in webhooks.service.ts.
import { z } from 'zod';
import { freeText, nameText, storableJson } from './common.ts';

export const WEBHOOK_EVENTS = [
  'contract_published',
  'contract_content_changed',
  'contract_requiring_verification_published',
  'provider_verification_published',
  'provider_verification_succeeded',
  'provider_verification_failed',
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** What a webhook without events listens to (the Pact Broker's default, kept for old clients). */
export const DEFAULT_WEBHOOK_EVENT: WebhookEvent = 'contract_content_changed';

const provided = (value: string | null | undefined): value is string =>
  typeof value === 'string' && value.trim() !== '';

const party = z
  .object({ name: nameText('name').nullish(), label: nameText('label').nullish() }, { error: 'must be an object' })
  .superRefine((value, context) => {
    if (!provided(value.name) && !provided(value.label))
      context.addIssue({ code: 'custom', path: ['name'], message: 'cannot be blank (give a name or a label)' });
    if (provided(value.name) && provided(value.label))
      context.addIssue({ code: 'custom', path: ['label'], message: 'name and label cannot both be given' });
  });

export const webhookSchema = z.object({
  description: freeText('description', 1000).nullish(),
  consumer: party.nullish(),
  provider: party.nullish(),
  enabled: z.boolean({ error: 'must be true or false' }).default(true),
  events: z
    .array(z.object({ name: z.enum(WEBHOOK_EVENTS, { error: `must be one of ${WEBHOOK_EVENTS.join(', ')}` }) }), {
      error: 'events must be a list',
    })
    .min(1, 'must have at least one event')
    .max(WEBHOOK_EVENTS.length)
    .nullish()
    .transform((events) => events ?? [{ name: DEFAULT_WEBHOOK_EVENT }]),
  request: z.object(
    {
      method: z.string({ error: 'is required' }).min(1, 'is required').max(10, 'is not a known HTTP method'),
      url: freeText('url', 2000).refine((text) => text.trim() !== '', 'is required'),
      headers: z.record(z.string().max(200), freeText('header', 4000)).nullish(),
      body: storableJson('body').optional(),
      username: freeText('username', 200).nullish(),
      password: freeText('password', 200).nullish(),
    },
    { error: 'is required' },
  ),
});

export type WebhookRequest = z.infer<typeof webhookSchema>;
