import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from './data-dir';

describe('resolveDataDir', () => {
  it('prefers PITWALL_DATA_DIR', () => {
    expect(resolveDataDir({ PITWALL_DATA_DIR: '/srv/pitwall' }, 'linux')).toBe('/srv/pitwall');
  });
  it("matches Electron's userData folder per OS", () => {
    expect(resolveDataDir({}, 'linux')).toBe(join(homedir(), '.config', 'Pitwall'));
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe(join('/x', 'Pitwall'));
    expect(resolveDataDir({}, 'darwin')).toBe(join(homedir(), 'Library', 'Application Support', 'Pitwall'));
    expect(resolveDataDir({ APPDATA: 'C:\\Users\\ic\\AppData\\Roaming' }, 'win32')).toBe(
      join('C:\\Users\\ic\\AppData\\Roaming', 'Pitwall'),
    );
  });
});
