// The display name shown when none was given, made from the name by the Pact Broker's rules: camel
// case, "-", "_", "." and spaces between words become single spaces, and each word starts with a capital
// ("my-service" -> "My Service", "ABCService" -> "ABC Service", "MP - Our Provider" stays). Clients such as
// the Rust CLI's list commands expect a display name on every pacticipant and environment.
export function generateDisplayName(name: string): string {
  return name
    .replace(/([A-Z])([A-Z])([a-z])/g, '$1 $2$3')
    .replace(/([a-z\d])([A-Z])(\S)/g, '$1 $2$3')
    .replace(/(\S)([-_\s.])(\S)/g, '$1 $3')
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .filter((word) => word !== '')
    .map((word) => word.replace(/^[a-z]/, (first) => first.toUpperCase()))
    .join(' ');
}

export function displayNameFor(name: string, given: string | null | undefined): string {
  return given ? given : generateDisplayName(name);
}
