// Mocha hooks that fail a test when answers it caused are not ones the OpenAPI document promises.
// `problems` is filled by the response check as answers complete (backend-test-context.ts).
export function failTestsWithUndocumentedAnswers(problems: string[]): void {
  beforeEach(() => {
    problems.length = 0;
  });

  afterEach(function () {
    if (problems.length === 0) return;
    const error = new Error(
      `Answers the OpenAPI document does not promise (provider/openapi/):\n  ${problems.join('\n  ')}`,
    );
    problems.length = 0;
    // Hook#error hands the error to the test that just ran: it fails, and the file's other tests still
    // run (throwing here would fail the hook and skip them).
    (this.test as Mocha.Hook | undefined)?.error(error);
  });
}
