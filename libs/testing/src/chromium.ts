import { existsSync } from 'node:fs';
import { Browser, chromium } from 'playwright-core';

/**
 * Browser tests and the web benchmark drive Debian's Chromium (`apt-get install chromium`; `.ci/run`
 * installs it when it is missing) through playwright-core: no browser is ever downloaded.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Headless as root, and without the background traffic Chromium would send to hosts this machine
// cannot reach. Playwright gives every launch a fresh, temporary user data directory.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium, headless, or a clear error saying how to get it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: install Debian's package (apt-get install chromium), as .ci/run does, or set CHROMIUM_PATH`,
    );
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
