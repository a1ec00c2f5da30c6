/** Limits on what the renderer may send; checked before parsing. */
export const MAX_INPUT_BYTES = 256 * 1024;
/** What every too-large call answers, whichever side noticed (the renderer before sending, or main). */
export const INPUT_TOO_LARGE = `Input is larger than ${MAX_INPUT_BYTES / 1024} KiB.`;
export const MAX_TITLE = 200;
export const MAX_TEXT = 20_000;
export const MAX_NAME = 120;
export const MAX_LIST_ITEMS = 50;
