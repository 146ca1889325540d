// The body a verifier posts to `pb:publish-verification-results`.
import { z } from 'zod';
import { freeText, nameText, storableJson } from './common.ts';

export const verificationResultSchema = z.object({
  success: z.boolean({ error: 'success must be true or false' }),
  providerApplicationVersion: nameText('providerApplicationVersion'),
  buildUrl: freeText('buildUrl', 2000).nullish(),
  verifiedBy: storableJson('verifiedBy').optional(),
  testResults: storableJson('testResults').optional(),
});

export type VerificationResultRequest = z.infer<typeof verificationResultSchema>;
