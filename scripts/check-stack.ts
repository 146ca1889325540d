// `npm run check:stack`: the smoke checks (stack/smoke-checks.ts) against a running stack (default: the ports of
// `npm start`; or ROUTER_URL and BACKEND_URL). Prints each check; exits 1 if any fails.
import { smokeChecks } from '../stack/smoke-checks.ts';

const urls = {
  router: process.env.ROUTER_URL ?? 'http://localhost:59000',
  backend: process.env.BACKEND_URL ?? 'http://localhost:59002',
};
process.stdout.write(`smoke checks against router ${urls.router} and backend ${urls.backend}\n`);
let failed = 0;
for (const check of smokeChecks) {
  try {
    await check.run(urls);
    process.stdout.write(`  ok    ${check.name}\n`);
  } catch (error) {
    failed += 1;
    process.stdout.write(`  FAIL  ${check.name}\n        ${(error as Error).message.split('\n')[0]}\n`);
  }
}
process.stdout.write(`${smokeChecks.length - failed} of ${smokeChecks.length} checks passed\n`);
process.exitCode = failed === 0 ? 0 : 1;
