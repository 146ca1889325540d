// The body a verifier posts to `pb:publish-verification-results`.
import { z } from 'zod';
import { freeText, nameText, storableJson } from './common.ts';

export const verificationResultSchema = z.object({
  success: z.boolean({ error: 'success must be true or false' }),
  providerApplicationVersion: nameText('providerApplicationVersion'),
  // A URL, absolute or relative, as the Pact Broker checks it: no spaces, and parseable.
  buildUrl: freeText('buildUrl', 2000)
    .refine((text) => !/\s/.test(text) && URL.canParse(text, 'http://relative.invalid'), 'buildUrl must be a URL')
    .nullish(),
  verifiedBy: storableJson('verifiedBy').optional(),
  testResults: storableJson('testResults').optional(),
});

export type VerificationResultRequest = z.infer<typeof verificationResultSchema>;
