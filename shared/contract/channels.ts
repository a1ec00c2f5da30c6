import type { z } from 'zod';
import { appChannels } from './app';
import { maintenanceChannels } from './maintenance';
import { commandChannels } from './command/command';
import { detectionChannels } from './detection';
import { incidentChannels } from './incidents';
import { metricsChannels } from './metrics';
import { postmortemChannels } from './postmortems';
import { preferencesChannels } from './preferences';
import { searchChannels } from './search';
import { playbookChannels } from './playbooks';
import { reportChannels } from './reports';
import { telemetryChannels } from './telemetry';

/**
 * THE contract between the renderer and the main process. Both adapters (Electron
 * IPC and browser-mode HTTP) loop over this map; no channel string is written
 * anywhere else. Each domain keeps its channels in its own file (`shared/contract/<domain>.ts`)
 * and is merged here, so a feature's contract is one short file and this map stays one line per domain.
 */
export const channels = {
  ...appChannels,
  ...incidentChannels,
  ...telemetryChannels,
  ...maintenanceChannels,
  ...preferencesChannels,
  ...postmortemChannels,
  ...metricsChannels,
  ...searchChannels,
  ...playbookChannels,
  ...commandChannels,
  ...detectionChannels,
  ...reportChannels,
} as const;

export type Channels = typeof channels;
export type Channel = keyof Channels;
/** What the caller may pass (defaults make some fields optional). */
export type ChannelInput<C extends Channel> = z.input<Channels[C]['input']>;
/** What the handler receives after parsing (defaults applied). */
export type ParsedInput<C extends Channel> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends Channel> = Channels[C]['output'];

export type { AppInfo } from './app';

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}
