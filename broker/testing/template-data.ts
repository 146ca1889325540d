// The broker's test template data: the webhook queue (pg-boss's own schema, outside the migrations),
// ready in every copy. Registered for db/testing/global-setup.ts when mocha loads this file
// (.mocharc.yml's `require`).
import { registerTemplateData } from '../../db/testing/template-data.ts';
import { prepareDeliveryQueue } from '../webhooks/delivery-queue.ts';

registerTemplateData('broker', { referenceTables: [], prepare: prepareDeliveryQueue });
