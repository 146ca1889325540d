// Step 3: the router's pact to the broker with the official CLI, as the git commit on the git branch
// (Pact's conventions: a version identifies one build, the branch drives the provider's selectors).
import { CONSUMER } from '../config.ts';
import { cli, cliFailure, type Step } from '../step.ts';
import { pactFile, shownPath } from './consumer-tests.ts';

export const publishPacts: Step = {
  title: 'publish pacts',
  async run(context) {
    const { version, branch, pactDir } = context.config;
    const result = await cli(context, [
      'publish',
      shownPath(pactFile(pactDir)),
      '--consumer-app-version',
      version,
      '--branch',
      branch,
    ]);
    if (result.code !== 0) return { ok: false, summary: await cliFailure(context, 'publishing failed', result) };
    return { ok: true, summary: `${CONSUMER} ${version} on branch ${branch}` };
  },
};
