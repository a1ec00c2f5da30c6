/**
 * Puts text on the clipboard from a click. Both shells allow it: Electron for its own page, browser
 * mode because 127.0.0.1 is a secure context. Returns the failure in words instead of throwing.
 */
export async function copyText(text: string): Promise<string | null> {
  try {
    await navigator.clipboard.writeText(text);
    return null;
  } catch (err) {
    return `Could not copy: ${err instanceof Error ? err.message : String(err)}`;
  }
}
