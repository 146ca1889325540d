// Names that look like an existing pacticipant's: "foo" for "Foo", "Foo Service" or "foo-api" for
// "Foo". Publishing for a new name that looks like an existing one is refused (with a message saying how
// to create it deliberately), as the Pact Broker does: a typo in a name would otherwise split an
// integration in two without anyone noticing. The words are compared without case, without a trailing
// "s", and without the words "api", "provider" and "service".
const IGNORED_WORDS = new Set(['api', 'provider', 'service']);

/** The words of a name: split on spaces, "::", "-", "_" and camel case, in lower case. */
export function nameWords(name: string): string[] {
  return name
    .replace(/\s/g, '_')
    .replace(/::/g, '/')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toLowerCase()
    .split('_');
}

const key = (name: string) =>
  nameWords(name)
    .map((word) => (word.endsWith('s') ? word.slice(0, -1) : word))
    .filter((word) => !IGNORED_WORDS.has(word))
    .join('_');

/** The existing names `name` may have been meant as (none when `name` itself exists). */
export function potentialDuplicates(name: string, existing: readonly string[]): string[] {
  if (existing.includes(name)) return [];
  const wanted = key(name);
  return existing.filter((candidate) => key(candidate) === wanted);
}

/** What a client prints when a publication names a new pacticipant that looks like existing ones. */
export function duplicateNameMessage(name: string, existing: readonly string[], baseUrl: string): string {
  return [
    `No pact has been published for "${name}" yet, and that name is very like these existing pacticipants:`,
    ...existing.map((candidate) => `  * ${candidate}`),
    'If you meant one of them, correct the name in the pact configuration and publish again.',
    `If "${name}" is a new application, create it first, then publish again:`,
    '',
    `  pact-broker create-or-update-pacticipant --name "${name}" --broker-base-url ${baseUrl}`,
    '',
    'The broker makes this check unless BROKER_CHECK_FOR_POTENTIAL_DUPLICATE_PACTICIPANT_NAMES is false.',
  ].join('\n');
}
