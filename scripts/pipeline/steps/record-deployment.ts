// Steps 6 and 8: tell the broker this version now runs in the environment, so that can-i-deploy checks
// the next versions of its counterpart against it (and the provider verifies its pact as deployed).
import { cli, cliFailure, type Step } from '../step.ts';

export function recordDeployment(pacticipant: string): Step {
  return {
    title: `record-deployment ${pacticipant}`,
    async run(context) {
      const { version, environment } = context.config;
      const result = await cli(context, [
        'record-deployment',
        '--pacticipant',
        pacticipant,
        '--version',
        version,
        '--environment',
        environment,
      ]);
      if (result.code !== 0)
        return { ok: false, summary: await cliFailure(context, 'recording the deployment failed', result) };
      return { ok: true, summary: `${pacticipant} ${version} deployed to ${environment}` };
    },
  };
}
