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

const oneLine = <S extends z.ZodType<string>>(schema: S, what: string) =>
  schema.refine((text) => !/[\r\n]/.test(text), `${what} must be on a single line`);
/** null means "not given", as the Pact Broker reads it. */
const orNull = <S extends z.ZodType>(schema: S) => schema.nullish().transform((value) => value ?? undefined);

export const publishContractsSchema = z.object({
  pacticipantName: nameText('pacticipantName'),
  pacticipantVersionNumber: oneLine(nameText('pacticipantVersionNumber'), 'pacticipantVersionNumber'),
  branch: orNull(oneLine(nameText('branch'), 'branch')),
  tags: orNull(z.array(nameText('tag')).max(MAX_TAGS, `at most ${MAX_TAGS} tags`)),
  buildUrl: orNull(oneLine(freeText('buildUrl', 2000), 'buildUrl')),
  contracts: z
    .array(contractSchema, { error: 'contracts must be a list' })
    .min(1, 'at least one contract is required')
    .max(MAX_CONTRACTS, `at most ${MAX_CONTRACTS} contracts`),
});

export type PublishContractsRequest = z.infer<typeof publishContractsSchema>;
