// `npm run check:stack`: seed 000's HTTP expectations against a running stack (default: the ports of
// `npm start`; or ROUTER_URL and BACKEND_URL). Prints each check; exits 1 if any fails.
import { seed000Checks } from '../stack/seed-000-checks.ts';

const urls = {
  router: process.env.ROUTER_URL ?? 'http://localhost:59000',
  backend: process.env.BACKEND_URL ?? 'http://localhost:59002',
};
process.stdout.write(`seed 000 checks against router ${urls.router} and backend ${urls.backend}\n`);
let failed = 0;
for (const check of seed000Checks) {
  try {
    await check.run(urls);
    process.stdout.write(`  ok    ${check.name}\n`);
  } catch (error) {
    failed += 1;
    process.stdout.write(`  FAIL  ${check.name}\n        ${(error as Error).message.split('\n')[0]}\n`);
  }
}
process.stdout.write(`${seed000Checks.length - failed} of ${seed000Checks.length} checks passed\n`);
process.exitCode = failed === 0 ? 0 : 1;
