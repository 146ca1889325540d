// The display name shown when none was given: words from the name, capitalised ("pricing-service" ->
// "Pricing Service", "fooBar" -> "Foo Bar"). Clients such as the Rust CLI's list commands expect a
// display name on every pacticipant and environment, as the Pact Broker always gives one.
export function displayNameFor(name: string, given: string | null | undefined): string {
  if (given) return given;
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter((word) => word !== '')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}
