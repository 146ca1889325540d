// Reference data every test database starts with (copied from the template, kept by resets).
import type { DatabaseKind } from '../database-kinds.ts';
import { seedGachaCatalog } from '../../provider/gacha/catalog.ts';
import { createPrismaClient } from '../../provider/prisma-client.ts';
import { prepareDeliveryQueue } from '../../broker/webhooks/delivery-queue.ts';

/** Tables that resets leave alone, per kind: reference data, not test data. */
export const REFERENCE_TABLES: Record<DatabaseKind, string[]> = {
  backend: ['gacha_items'],
  broker: [],
};

export async function prepareTemplate(kind: DatabaseKind, url: string): Promise<void> {
  // The broker's webhook queue (pg-boss's own schema, outside the migrations): every copy has it ready.
  if (kind === 'broker') return prepareDeliveryQueue(url);
  if (kind !== 'backend') return;
  const prisma = createPrismaClient(url, { poolSize: 1 });
  try {
    await seedGachaCatalog(prisma);
  } finally {
    await prisma.$disconnect();
  }
}
