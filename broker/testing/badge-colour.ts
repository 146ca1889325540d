// Deploy badges say yes or no by colour, as the Pact Broker's do (their text is "<branch> to <environment>"):
// tests read the colour of the badge's message half.
const COLOURS: Readonly<Record<string, string>> = { '#4b0': 'brightgreen', '#dd4343': 'red', '#939393': 'lightgrey' };

export function badgeColour(svg: Buffer | string): string | undefined {
  const text = Buffer.isBuffer(svg) ? svg.toString('utf8') : svg;
  const fill = /<rect x="\d+" width="\d+" height="20" fill="(#[0-9a-f]+)"/.exec(text)?.[1];
  return fill === undefined ? undefined : (COLOURS[fill] ?? fill);
}
