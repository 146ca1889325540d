// The body of `POST /contracts/publish/{provider}` (`pactflow publish-provider-contract`).
import { z } from 'zod';
import { freeText, nameText } from '../schemas/common.ts';

const MAX_TAGS = 50;
const DOCUMENT_TYPES = /^(application|text)\/(vnd\.oai\.openapi(\+(json|yaml))?|(x-)?ya?ml|json)\s*(;|$)/i;

export const selfVerificationSchema = z.object({
  success: z.boolean({ error: 'selfVerificationResults.success must be true or false' }),
  content: z.string().optional(),
  contentType: freeText('contentType', 255).optional(),
  format: freeText('format', 255).optional(),
  verifier: freeText('verifier', 255).optional(),
  verifierVersion: freeText('verifierVersion', 255).optional(),
});

export const publishProviderContractSchema = z.object({
  pacticipantVersionNumber: nameText('pacticipantVersionNumber'),
  branch: nameText('branch').optional(),
  tags: z.array(nameText('tag')).max(MAX_TAGS, `at most ${MAX_TAGS} tags`).optional(),
  buildUrl: freeText('buildUrl', 2000).optional(),
  contract: z.object(
    {
      content: z.string({ error: 'contract.content is required (the base64-encoded OpenAPI document)' }),
      contentType: z
        .string({ error: 'contract.contentType is required' })
        .regex(DOCUMENT_TYPES, 'must be a YAML or JSON type (application/yaml, application/json)'),
      specification: z.literal('oas', {
        error: 'must be "oas": OpenAPI documents are the provider contracts this broker compares',
      }),
      selfVerificationResults: selfVerificationSchema.optional(),
    },
    { error: 'contract is required' },
  ),
});

export type PublishProviderContractRequest = z.infer<typeof publishProviderContractSchema>;
