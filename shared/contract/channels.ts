import type { z } from 'zod';
import { commandChannels } from './command';
import { emptyInput, out } from './define';
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
  'app:get-info': { input: emptyInput, output: out<AppInfo>() },
  ...incidentChannels,
  ...telemetryChannels,
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

export interface AppInfo {
  version: string;
  /** 'cli': the command line (`npm run pitwall`), which serves no console. */
  mode: 'electron' | 'browser' | 'cli';
  dataDir: string;
  /** Who events are attributed to when the info was read (preferences:get says where the name comes from). */
  operator: string;
  startedAt: number;
  /** How source secrets are encrypted at rest, e.g. "Electron safeStorage (gnome_libsecret)"; shown under Settings. */
  secrets: string;
  /** Who shows notifications: the host (Electron's OS notifications) or the page (Web Notifications, else an in-app banner). */
  notifications: 'host' | 'page';
}

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}
