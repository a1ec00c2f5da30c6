/**
 * Debian's Chromium as the e2e suite and the browser benchmarks launch it (Playwright cannot
 * download browsers here). One list, so the benchmarks measure the browser the tests drive.
 */
export const CHROMIUM_PATH = process.env.PITWALL_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
