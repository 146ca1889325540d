// The pipeline's output: a numbered header per step, what the step does indented under it, its
// result, and at the end a summary table. Plain text (CI logs and terminals alike), written through
// one function so that tests can read it.
export type StepStatus = 'ok' | 'FAIL' | 'skip';

export interface StepReport {
  title: string;
  status: StepStatus;
  /** One line: what came of it ("yes", "17 interactions verified, results published", why it failed). */
  summary: string;
  seconds?: number;
}

const INDENT = '      ';

export class Progress {
  readonly reports: StepReport[] = [];

  constructor(
    private readonly write: (text: string) => void,
    private readonly total: number,
  ) {}

  line(text = ''): void {
    this.write(`${text}\n`);
  }

  /** Output belonging to the current step (commands, their output, findings). */
  detail(text: string): void {
    for (const line of text.split('\n')) this.write(line ? `${INDENT}${line}\n` : '\n');
  }

  start(title: string): void {
    this.line();
    this.line(`[${this.reports.length + 1}/${this.total}] ${title}`);
  }

  finish(report: StepReport): void {
    this.reports.push(report);
    const time = report.seconds === undefined ? '' : ` (${report.seconds.toFixed(1)} s)`;
    this.line(`${INDENT}${report.status === 'ok' ? 'ok' : 'FAILED'}: ${report.summary}${time}`);
  }

  skip(title: string, why: string): void {
    this.reports.push({ title, status: 'skip', summary: why });
  }

  summary(verdict: string): void {
    const width = Math.max(...this.reports.map((report) => report.title.length));
    this.line();
    this.line('Summary');
    for (const report of this.reports) {
      const time = report.seconds === undefined ? '      ' : `${report.seconds.toFixed(1).padStart(5)}s`;
      this.line(`  ${report.status.padEnd(4)}  ${report.title.padEnd(width)}  ${time}  ${report.summary}`);
    }
    this.line();
    this.line(verdict);
  }
}
