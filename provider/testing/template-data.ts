// The backend's test template data: the gacha catalog (reference data, kept by resets). Registered for
// db/testing/global-setup.ts when mocha loads this file (.mocharc.yml's `require`).
import { registerTemplateData } from '../../db/testing/template-data.ts';
import { seedGachaCatalog } from '../gacha/catalog.ts';
import { createPrismaClient } from '../prisma-client.ts';

export const BACKEND_REFERENCE_TABLES = ['gacha_items'];

registerTemplateData('backend', {
  referenceTables: BACKEND_REFERENCE_TABLES,
  async prepare(url) {
    const prisma = createPrismaClient(url, { poolSize: 1 });
    try {
      await seedGachaCatalog(prisma);
    } finally {
      await prisma.$disconnect();
    }
  },
});
