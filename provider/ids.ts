import { z } from 'zod';

/** Player ids are chosen by clients: short, printable, no spaces or quotes. */
export const playerIdSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
  .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'must be 1 to 128 characters, each a letter, digit, "_", "-", "." or ":"');

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Session and run ids are UUIDs the backend generated; anything else cannot name one. */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
