// Small presentation helpers shared by the pages.

/** "3 minutes ago" style (Intl.RelativeTimeFormat), with the exact time kept for a tooltip. */
export function ago(date: Date | null | undefined, now = new Date()): string {
  if (!date) return '';
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of units)
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  return format.format(seconds, 'second');
}

export const iso = (date: Date | null | undefined): string => date?.toISOString() ?? '';

export const json = (value: unknown): string => (value === undefined ? '' : JSON.stringify(value, null, 2));

export const enc = encodeURIComponent;
