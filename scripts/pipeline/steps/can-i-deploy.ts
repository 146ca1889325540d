// Steps 5 and 7: may this version of a pacticipant go to the environment, given what is deployed
// there? The broker's answer, through the official CLI; "no" stops the pipeline.
import { cli, cliFailure, type Step } from '../step.ts';

export function canIDeploy(pacticipant: string): Step {
  return {
    title: `can-i-deploy ${pacticipant}`,
    async run(context) {
      const { version, environment, retryWhileUnknown, retryIntervalSeconds } = context.config;
      const result = await cli(context, [
        'can-i-deploy',
        '--pacticipant',
        pacticipant,
        '--version',
        version,
        '--to-environment',
        environment,
        '--retry-while-unknown',
        String(retryWhileUnknown),
        '--retry-interval',
        String(retryIntervalSeconds),
      ]);
      const question = `${pacticipant} ${version} to ${environment}`;
      if (result.code === 0) return { ok: true, summary: `yes: ${question}` };
      if (result.output.includes('Computer says no'))
        return { ok: false, summary: `no: ${question} (the reasons are above)` };
      return { ok: false, summary: await cliFailure(context, 'can-i-deploy could not answer', result) };
    },
  };
}
