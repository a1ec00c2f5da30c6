import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Pitwall keeps its database: PITWALL_DATA_DIR if set, else the same
 * folder Electron's app.getPath('userData') gives for an app named "Pitwall",
 * so browser mode and the desktop app share one set of incidents.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.PITWALL_DATA_DIR) return env.PITWALL_DATA_DIR;
  const home = homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Pitwall');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Pitwall');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Pitwall');
}
