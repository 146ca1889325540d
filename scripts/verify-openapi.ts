// `npm run verify:openapi [-- --output oas.json]`: the backend's OpenAPI document, generated from its zod
// schemas and checked (provider/openapi/self-check.ts); with --output it is written there too, ready for
// `pact pactflow publish-provider-contract`. Exit code 0 when the check passed, 1 when not.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildOpenApiDocument } from '../provider/openapi/document.ts';
import { checkOpenApiDocument } from '../provider/openapi/self-check.ts';

const { values } = parseArgs({ options: { output: { type: 'string' } } });
const document = buildOpenApiDocument();
if (values.output) writeFileSync(values.output, `${JSON.stringify(document, null, 2)}\n`);
const { passed, report } = await checkOpenApiDocument(document);
process.stdout.write(report);
process.exit(passed ? 0 : 1);
