import { channels, isChannel, type Channel, type ChannelOutput, type ParsedInput } from '../../shared/contract/channels';
import { MAX_INPUT_BYTES } from '../../shared/contract/limits';
import { AppFailure, fail, ok, type Result } from '../../shared/contract/result';

export type Handlers = { [C in Channel]: (input: ParsedInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>> };

export type Dispatch = (channel: unknown, input: unknown) => Promise<Result<unknown>>;

/** Byte size of a JSON-able value, stopping early once over the cap (so a huge input costs little). */
function tooLarge(input: unknown): boolean {
  try {
    const text = JSON.stringify(input ?? null);
    return text === undefined ? false : Buffer.byteLength(text) > MAX_INPUT_BYTES;
  } catch {
    return true;
  }
}

/**
 * The one generic loop both adapters call: check the channel exists, cap and parse
 * the input from unknown, run the handler, and turn every failure into a value.
 * An unexpected exception becomes 'internal' with its message; it never crosses as a crash.
 */
export interface DispatchOptions {
  /** Turns a known low-level failure (a full disk) into an error value in words; null leaves it 'internal'. */
  describe?: (err: unknown, channel: Channel) => AppFailure | null;
}

export function createDispatch(
  handlers: Handlers,
  log: (msg: string, err: unknown) => void = () => {},
  options: DispatchOptions = {},
): Dispatch {
  return async (channel, input) => {
    if (!isChannel(channel)) return fail('unknown-channel', `Unknown channel: ${String(channel).slice(0, 80)}`);
    if (tooLarge(input)) return fail('too-large', `Input for ${channel} is larger than ${MAX_INPUT_BYTES / 1024} KiB.`);
    const parsed = channels[channel].input.safeParse(input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length ? `${issue.path.join('.')}: ` : '';
      return fail('bad-input', `Invalid input for ${channel}: ${where}${issue?.message ?? 'invalid'}`);
    }
    try {
      const handler = handlers[channel] as (i: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (err) {
      if (err instanceof AppFailure) return fail(err.code, err.message);
      log(`handler for ${channel} failed`, err);
      const described = options.describe?.(err, channel);
      if (described) return fail(described.code, described.message);
      return fail('internal', `Pitwall could not complete ${channel}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
}
