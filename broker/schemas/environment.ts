// Bodies of environment and deployment writes.
import { z } from 'zod';
import { freeText, nameText, storableJson } from './common.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Environment, deployment and release ids are UUIDs; anything else cannot name one. */
export const isUuid = (text: string) => UUID.test(text);

export const environmentSchema = z.object({
  name: nameText('name').refine((name) => !/\s/.test(name), 'name must not contain spaces'),
  displayName: freeText('displayName', 255).nullish(),
  production: z.boolean({ error: 'production must be true or false' }),
  contacts: z
    .array(z.object({ name: freeText('contact name', 255), details: storableJson('contact details').optional() }))
    .max(50)
    .nullish(),
});

export type EnvironmentRequest = z.infer<typeof environmentSchema>;

export const recordDeploymentSchema = z.object({
  applicationInstance: nameText('applicationInstance').nullish(),
  target: nameText('target').nullish(),
});

export const undeploySchema = z.object({ currentlyDeployed: z.boolean().optional() });
export const endSupportSchema = z.object({ currentlySupported: z.boolean().optional() });
