/** Tab ids other components link to (the header's IC opens Details), apart from the registry to avoid an import cycle. */
export const COMMAND_TAB_ID = 'command';
export const DETAILS_TAB_ID = 'details';
