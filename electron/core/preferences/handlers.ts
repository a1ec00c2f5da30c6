import type { preferencesChannels } from '../../../shared/contract/preferences';
import type { CoreContext } from '../context';
import type { HandlersFor } from '../handlers';

export function preferencesHandlers(ctx: CoreContext): HandlersFor<typeof preferencesChannels> {
  return {
    'preferences:get': () => ctx.preferences.get(),
    'preferences:set': (i) => ctx.preferences.set(i),
  };
}
