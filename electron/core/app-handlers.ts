import type { AppInfo, appChannels } from '../../shared/contract/app';
import { AppFailure } from '../../shared/contract/result';
import { externalUrl } from '../shell/window-policy';
import type { CoreContext } from './context';
import type { HandlersFor } from './handlers';

export function appHandlers(ctx: CoreContext, info: AppInfo): HandlersFor<typeof appChannels> {
  return {
    'app:get-info': () => info,
    'app:open-external': async ({ url }) => {
      const checked = externalUrl(url);
      if (!checked.ok) throw new AppFailure('bad-input', checked.reason);
      if (!ctx.platform.openExternal) return { opened: false, url: checked.url };
      await ctx.platform.openExternal(checked.url);
      return { opened: true, url: checked.url };
    },
  };
}
