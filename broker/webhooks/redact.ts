// What never leaves the broker from a webhook definition or its delivery logs: the basic-auth password,
// credential-like headers and credentials written into a URL.
export const REDACTED = '**********';

const SENSITIVE_HEADER = /authorization|token|secret|password|api[-_]?key|cookie|signature/i;

export const isSensitiveHeader = (name: string): boolean => SENSITIVE_HEADER.test(name);

export function redactHeaders(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, isSensitiveHeader(name) ? REDACTED : value]),
  );
}

const SENSITIVE_PARAMETER = /token|secret|password|key|sig|auth|code/i;

/** The URL (or a message containing one) with `user:password@` and credential-like query values replaced. */
export function redactUrl(text: string): string {
  return text.replace(/https?:\/\/[^\s'"<>]+/gi, (found) => {
    try {
      const url = new URL(found);
      const secretParameters = [...url.searchParams.keys()].filter((name) => SENSITIVE_PARAMETER.test(name));
      if (url.username === '' && url.password === '' && secretParameters.length === 0) return found;
      if (url.username !== '' || url.password !== '') {
        url.username = REDACTED;
        url.password = '';
      }
      for (const name of secretParameters) url.searchParams.set(name, REDACTED);
      return url.toString();
    } catch {
      return found.replace(/\/\/[^/@\s]*@/, `//${REDACTED}@`);
    }
  });
}
