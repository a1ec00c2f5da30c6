/** Limits on what the renderer may send; checked before parsing. */
export const MAX_INPUT_BYTES = 256 * 1024;
export const MAX_TITLE = 200;
export const MAX_TEXT = 20_000;
export const MAX_NAME = 120;
export const MAX_LIST_ITEMS = 50;
