// The body of webhook create/update requests. Delivery (issue 6) reads what is stored here.
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

const party = z
  .object({ name: nameText('name').optional(), label: nameText('label').optional() })
  .refine((value) => !(value.name !== undefined && value.label !== undefined), 'give a name or a label, not both');

export const webhookSchema = z.object({
  description: freeText('description', 1000).nullish(),
  consumer: party.nullish(),
  provider: party.nullish(),
  enabled: z.boolean().default(true),
  events: z
    .array(z.object({ name: z.enum(WEBHOOK_EVENTS, { error: `must be one of ${WEBHOOK_EVENTS.join(', ')}` }) }), {
      error: 'events must be a list',
    })
    .min(1, 'at least one event is required')
    .max(WEBHOOK_EVENTS.length),
  request: z.object(
    {
      method: z
        .string({ error: 'request.method is required' })
        .min(1)
        .max(10)
        .transform((method) => method.toUpperCase()),
      url: freeText('url', 2000).refine((text) => text.trim() !== '', 'url cannot be blank'),
      headers: z.record(z.string().max(200), freeText('header', 4000)).optional(),
      body: storableJson('body').optional(),
      username: freeText('username', 200).nullish(),
      password: freeText('password', 200).nullish(),
    },
    { error: 'request is required' },
  ),
});

export type WebhookRequest = z.infer<typeof webhookSchema>;
