/**
 * The Electron window's security decisions as plain data and functions, so they are unit-tested here
 * (the Electron runtime cannot run on every machine) and main.ts only applies them. Follows Electron's
 * security checklist: isolation, sandbox, no Node in the page, no navigation, no new windows, no
 * permissions, external links only http(s) after the user saw the address.
 */

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const;

/** Our own page, with any hash or query; never a frame that navigated elsewhere. */
export function isOwnPage(url: string, rendererUrl: string): boolean {
  return url === rendererUrl || url.startsWith(`${rendererUrl}#`) || url.startsWith(`${rendererUrl}?`);
}

/** Navigation away from our page is refused whatever the URL. */
export function allowNavigation(url: string, rendererUrl: string): boolean {
  return isOwnPage(url, rendererUrl);
}

/**
 * An address that may be handed to the OS browser: http(s) only (no file:, javascript:, custom
 * schemes that start programs), no credentials in it. Returns the normalised URL or a reason.
 */
export function externalUrl(raw: string): { ok: true; url: string } | { ok: false; reason: string } {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return { ok: false, reason: `"${raw.slice(0, 200)}" is not a web address.` };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return { ok: false, reason: `Only http and https links are opened; this one is ${parsed.protocol.replace(':', '')}.` };
  }
  if (parsed.username || parsed.password) return { ok: false, reason: 'Links carrying a user name or password are not opened.' };
  return { ok: true, url: parsed.href };
}

/**
 * Every permission a page can ask for (camera, notifications prompt, geolocation, reading the
 * clipboard…) is refused, except writing plain text to the clipboard (copying a checklist command or
 * a comms draft). Notifications come from the main process and need no page permission.
 */
export function allowPermission(permission: string): boolean {
  return permission === 'clipboard-sanitized-write';
}
