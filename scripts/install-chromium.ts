// `npm run install:chromium`: installs Debian's chromium for the dashboard's browser tests
// (common/process/chromium.ts says why and how).
import { ensureChromium } from '../common/process/chromium.ts';

const result = ensureChromium({ log: (line) => process.stdout.write(`${line}\n`) });
if (result.ok)
  process.stdout.write(`chromium ${result.installed ? 'installed' : 'already installed'} at ${result.path}\n`);
else process.stderr.write(`chromium not available: ${result.reason}\n`);
process.exitCode = result.ok ? 0 : 1;
