// Step 1: what the broker must know before anything is published. Each pacticipant's main branch (the
// broker does not guess it, and the provider's `mainBranch` selector and can-i-merge need it), and the
// environment deployments are recorded in (created when missing: this project's broker seeds none).
import { z } from 'zod';
import { CONSUMER, PROVIDER } from '../config.ts';
import { cli, cliFailure, type Step } from '../step.ts';

const environmentsSchema = z.object({
  _embedded: z.object({ environments: z.array(z.object({ name: z.string() })) }),
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const prepareBroker: Step = {
  title: 'broker: main branches, environment',
  async run(context) {
    const { mainBranch, environment } = context.config;
    for (const pacticipant of [CONSUMER, PROVIDER]) {
      const result = await cli(context, [
        'create-or-update-pacticipant',
        '--name',
        pacticipant,
        '--main-branch',
        mainBranch,
      ]);
      if (result.code !== 0)
        return { ok: false, summary: await cliFailure(context, `setting ${pacticipant}'s main branch failed`, result) };
    }

    const listed = await cli(context, ['list-environments', '--output', 'json'], { showOutput: false });
    if (listed.code !== 0)
      return { ok: false, summary: await cliFailure(context, 'listing the environments failed', listed) };
    const parsed = environmentsSchema.safeParse(parseJson(listed.output));
    if (!parsed.success)
      return { ok: false, summary: "the broker's list of environments is not what the Pact Broker API gives" };
    const exists = parsed.data._embedded.environments.some((candidate) => candidate.name === environment);
    if (!exists) {
      const production = environment === 'production' ? ['--production'] : [];
      const created = await cli(context, ['create-environment', '--name', environment, ...production]);
      if (created.code !== 0)
        return {
          ok: false,
          summary: await cliFailure(context, `creating the environment ${environment} failed`, created),
        };
    }
    return {
      ok: true,
      summary: `main branch ${mainBranch} for both; environment ${environment} ${exists ? 'exists' : 'created'}`,
    };
  },
};
