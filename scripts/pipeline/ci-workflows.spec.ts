// The CI workflows for users (.github/workflows/, the pipeline's steps as separate CI jobs; mocha
// only looks in the code folders, so their spec lives here): they parse, every command they run exists
// (npm scripts in package.json; pact-broker subcommands and options in the installed CLI), the local
// reusable workflow they call takes what they pass, and they follow Pact's conventions.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { load } from 'js-yaml';
import { projectRoot } from '../../common/project-root.ts';
import { PACT_BROKER_CLI } from './pact-broker-cli.ts';

const WORKFLOWS = join(projectRoot, '.github', 'workflows');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

interface Job {
  if?: string;
  needs?: string | string[];
  uses?: string;
  with?: Record<string, unknown>;
  'runs-on'?: string;
  env?: Record<string, string>;
  steps?: Step[];
}

interface Workflow {
  name: string;
  on: Record<string, { types?: string[]; inputs?: Record<string, { required?: boolean }> } | null>;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

function readWorkflow(file: string): Workflow {
  return load(readFileSync(join(WORKFLOWS, file), 'utf8')) as Workflow;
}

const files = readdirSync(WORKFLOWS)
  .filter((file) => file.endsWith('.yml'))
  .sort();
const workflows = Object.fromEntries(files.map((file) => [file, readWorkflow(file)]));

/** Each shell command of a step, its continuation lines joined. */
function commands(step: Step): string[] {
  return (step.run ?? '')
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

function allCommands(workflow: Workflow): string[] {
  return Object.values(workflow.jobs).flatMap((job) => (job.steps ?? []).flatMap(commands));
}

function everyCommand(): string[] {
  return Object.values(workflows).flatMap(allCommands);
}

/** `npx pact-broker <subcommand> --option ...`: the subcommand and its options. */
function pactBrokerCalls(): { subcommand: string; options: string[]; command: string }[] {
  return everyCommand()
    .map((command) => ({ command, match: /^npx pact-broker (\S+)(.*)$/.exec(command) }))
    .filter((call) => call.match)
    .map(({ command, match }) => ({
      command,
      subcommand: match![1]!,
      options: [...match![2]!.matchAll(/(?:^|\s)(--[a-z-]+)/g)].map((option) => option[1]!),
    }));
}

function job(file: string, name: string): Job {
  const found = workflows[file]?.jobs[name];
  if (!found) throw new Error(`${file} has no job ${name}`);
  return found;
}

describe('CI workflows for users (.github/workflows)', function () {
  this.timeout(60_000);

  it("are the consumer's, the provider's and the release gate, each with a name, triggers and jobs that run steps or a workflow", () => {
    expect(files).to.deep.equal(['consumer.yml', 'provider.yml', 'release-gate.yml']);
    for (const [file, workflow] of Object.entries(workflows)) {
      expect(workflow.name, file).to.be.a('string');
      expect(Object.keys(workflow.on), file).to.not.be.empty;
      for (const [name, definition] of Object.entries(workflow.jobs)) {
        const runsSteps =
          typeof definition['runs-on'] === 'string' && Array.isArray(definition.steps) && definition.steps.length > 0;
        expect(runsSteps || typeof definition.uses === 'string', `${file}: ${name}`).to.equal(true);
        for (const needed of [definition.needs ?? []].flat())
          expect(workflow.jobs, `${file}: ${name} needs ${needed}`).to.have.property(needed);
      }
    }
  });

  it('run only npm scripts that package.json has', () => {
    const scripts = (
      JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    const used = everyCommand().flatMap((command) => [...command.matchAll(/npm run (\S+)/g)].map((match) => match[1]!));
    expect(used).to.include.members(['test:pact:consumer', 'verify:provider']);
    for (const script of used) expect(scripts, script).to.have.property(script);
  });

  it('run only pact-broker subcommands and options that the installed CLI has', async () => {
    const calls = pactBrokerCalls();
    expect(calls.map((call) => call.subcommand)).to.include.members(['publish', 'can-i-deploy', 'record-deployment']);
    const run = promisify(execFile);
    for (const subcommand of new Set(calls.map((call) => call.subcommand))) {
      const { stdout } = await run(PACT_BROKER_CLI, [subcommand, '--help'], {
        env: { ...process.env, PACT_DO_NOT_TRACK: 'true' },
      });
      for (const call of calls.filter((candidate) => candidate.subcommand === subcommand)) {
        for (const option of call.options)
          expect(stdout, `${call.command}: ${option}`).to.match(new RegExp(`\\s${option}[\\s=<]`));
      }
    }
  });

  it('call the release gate with every input it requires, and it takes no other', () => {
    const gate = workflows['release-gate.yml']!.on.workflow_call!;
    const inputs = gate.inputs ?? {};
    const callers = Object.entries(workflows).flatMap(([file, workflow]) =>
      Object.entries(workflow.jobs)
        .filter(([, definition]) => definition.uses)
        .map(([name, definition]) => ({ where: `${file}: ${name}`, definition })),
    );
    expect(callers).to.have.length(2);
    for (const { where, definition } of callers) {
      expect(definition.uses, where).to.equal('./.github/workflows/release-gate.yml');
      const given = Object.keys(definition.with ?? {});
      for (const name of given) expect(inputs, `${where} passes ${name}`).to.have.property(name);
      for (const [name, input] of Object.entries(inputs))
        if (input.required) expect(given, `${where} must pass ${name}`).to.include(name);
    }
  });

  it(
    "follow Pact's conventions: the git commit as the version with its branch, " +
      'can-i-deploy to an environment waiting while unknown, deployments recorded after deploying',
    () => {
      const consumer = workflows['consumer.yml']!;
      expect(consumer.env).to.include({
        GIT_COMMIT: '${{ github.event.pull_request.head.sha || github.sha }}',
        GIT_BRANCH: '${{ github.head_ref || github.ref_name }}',
      });
      const publish = pactBrokerCalls().find((call) => call.subcommand === 'publish')!;
      expect(publish.command).to.contain('--consumer-app-version "$GIT_COMMIT" --branch "$GIT_BRANCH"');

      const canIDeploy = pactBrokerCalls().filter((call) => call.subcommand === 'can-i-deploy');
      expect(canIDeploy).to.have.length(1); // one gate, used by both
      expect(canIDeploy[0]!.options).to.include.members([
        '--to-environment',
        '--retry-while-unknown',
        '--retry-interval',
      ]);

      for (const [file, pacticipant] of [
        ['consumer.yml', 'autofighter-router'],
        ['provider.yml', 'autofighter-backend'],
      ] as const) {
        const deploy = job(file, 'deploy');
        expect(deploy.needs, file).to.equal('can-i-deploy');
        expect(job(file, 'can-i-deploy').with).to.include({ pacticipant, environment: 'production' });
        const runs = (deploy.steps ?? []).flatMap(commands);
        const recorded = runs.findIndex((command) => command.startsWith('npx pact-broker record-deployment'));
        expect(recorded, file).to.be.greaterThan(
          runs.findIndex((command) => command.includes(`Deploy ${pacticipant}`)),
        );
        expect(runs[recorded]).to.contain(
          `--pacticipant ${pacticipant} --version "$GIT_COMMIT" --environment production`,
        );
      }
    },
  );

  it(
    'provider: verifies from the broker as the commit and branch, ' +
      'and a job for the contract_requiring_verification_published webhook verifies its PACT_URL',
    () => {
      const provider = workflows['provider.yml']!;
      expect(provider.on.repository_dispatch!.types).to.deep.equal(['contract_requiring_verification_published']);

      const verify = job('provider.yml', 'verify');
      expect(verify.env).to.include({
        GIT_COMMIT: '${{ github.event.pull_request.head.sha || github.sha }}',
        GIT_BRANCH: '${{ github.head_ref || github.ref_name }}',
      });
      expect(verify.env).to.not.have.property('PACT_URL');
      expect((verify.steps ?? []).flatMap(commands)).to.include('npm run verify:provider');

      const webhook = job('provider.yml', 'verify-changed-pact');
      expect(webhook.if).to.contain("github.event_name == 'repository_dispatch'");
      expect(webhook.env).to.deep.equal({
        PACT_URL: '${{ github.event.client_payload.pact_url }}',
        GIT_COMMIT: '${{ github.event.client_payload.sha }}',
        GIT_BRANCH: '${{ github.event.client_payload.branch }}',
      });
      expect(webhook.steps!.find((step) => step.uses === 'actions/checkout@v4')!.with).to.deep.equal({
        ref: '${{ github.event.client_payload.sha }}',
      });
      expect((webhook.steps ?? []).flatMap(commands)).to.include('npm run verify:provider');
    },
  );

  it('are each described in docs/pipeline-and-ci.md', () => {
    const page = readFileSync(join(projectRoot, 'docs', 'pipeline-and-ci.md'), 'utf8');
    for (const file of files) expect(page, file).to.contain(`.github/workflows/${file}`);
  });
});
