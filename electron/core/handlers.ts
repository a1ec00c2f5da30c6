import type { Channel, ChannelOutput, ParsedInput } from '../../shared/contract/channels';

/**
 * The handlers for one domain's contract file: `HandlersFor<typeof playbookChannels>`. Each domain builds
 * its own from the core context (electron/core/<domain>/handlers.ts) and app.ts spreads them into the one
 * map `createDispatch` takes, so the compiler checks every channel has exactly one handler.
 */
export type HandlersFor<M> = {
  [C in keyof M & Channel]: (input: ParsedInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};
