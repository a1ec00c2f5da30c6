import type { AppInfo, appChannels } from '../../shared/contract/app';
import { AppFailure } from '../../shared/contract/result';
import { externalUrl } from '../shell/window-policy';
import type { CoreContext } from './context';
import type { HandlersFor } from './handlers';

export function appHandlers(ctx: CoreContext, info: AppInfo): HandlersFor<typeof appChannels> {
  return {
    // The operator can change while running (preferences), so it is read at each call.
    'app:get-info': () => ({ ...info, operator: ctx.operator() }),
    'app:open-external': async ({ url }) => {
      const checked = externalUrl(url);
      if (!checked.ok) throw new AppFailure('bad-input', checked.reason);
      if (!ctx.platform.openExternal) return { opened: false, url: checked.url };
      await ctx.platform.openExternal(checked.url);
      return { opened: true, url: checked.url };
    },
  };
}
