// The body of `POST /contracts/publish`.
import { z } from 'zod';
import { freeText, nameText } from './common.ts';

const MAX_CONTRACTS = 100;
const MAX_TAGS = 50;

export const contractSchema = z.object({
  consumerName: nameText('consumerName'),
  providerName: nameText('providerName'),
  specification: z.literal('pact', { error: 'must be "pact" (the only contract type this broker stores)' }),
  contentType: z
    .string({ error: 'contentType is required' })
    .refine((type) => /^application\/(.+\+)?json\b/i.test(type), 'must be application/json'),
  content: z.string({ error: 'content is required (the base64-encoded pact)' }),
  onConflict: z.enum(['overwrite', 'merge']).optional(),
});

export const publishContractsSchema = z.object({
  pacticipantName: nameText('pacticipantName'),
  pacticipantVersionNumber: nameText('pacticipantVersionNumber'),
  branch: nameText('branch').optional(),
  tags: z.array(nameText('tag')).max(MAX_TAGS, `at most ${MAX_TAGS} tags`).optional(),
  buildUrl: freeText('buildUrl', 2000).optional(),
  contracts: z
    .array(contractSchema, { error: 'contracts must be a list' })
    .min(1, 'at least one contract is required')
    .max(MAX_CONTRACTS, `at most ${MAX_CONTRACTS} contracts`),
});

export type PublishContractsRequest = z.infer<typeof publishContractsSchema>;
