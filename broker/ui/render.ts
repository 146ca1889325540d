// HTML rendering with Eta templates (views/*.eta). Eta escapes every `<%= %>` output (autoEscape), so
// names and pact content, which publishers control, are always text, never markup. `<%~ %>` (raw) is
// only used to place one rendered template inside another.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import type { Response } from 'express';

const eta = new Eta({ views: join(dirname(fileURLToPath(import.meta.url)), 'views'), autoEscape: true, cache: true });

export function sendPage(res: Response, status: number, view: string, data: Record<string, unknown>): void {
  const html = eta.render(view, data);
  res.status(status);
  res.setHeader('Content-Type', 'text/html;charset=utf-8');
  // The pages show user content: no inline script may run (only the broker's own files, ui/assets/),
  // nothing may frame them. connect-src is for the HAL browser, which reads the API with fetch.
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; " +
      "form-action 'self'; frame-ancestors 'none'",
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(html);
}
