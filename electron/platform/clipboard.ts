/**
 * The host's clipboard. Electron writes it from the main process (main.ts), which needs no focus
 * or permission prompt; browser mode has none here: the page copies with `navigator.clipboard`,
 * the only clipboard a local server can reach on the person's desktop.
 */
export interface ClipboardWriter {
  writeText(text: string): void;
}
