import { describe, expect, it } from 'vitest';
import { allowNavigation, allowPermission, externalUrl, isOwnPage, SECURE_WEB_PREFERENCES } from './window-policy';

const PAGE = 'file:///opt/Pitwall/resources/app.asar/dist/renderer/index.html';

describe('the Electron window policy', () => {
  it('isolates the page: context isolation, sandbox, no Node, no webviews, no insecure content', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('stays on its own page: hash and query changes only', () => {
    expect(isOwnPage(`${PAGE}#/incident/3`, PAGE)).toBe(true);
    expect(allowNavigation(`${PAGE}?x=1`, PAGE)).toBe(true);
    for (const url of ['https://example.com', `${PAGE}.evil.html`, 'file:///etc/passwd', 'javascript:alert(1)', 'about:blank']) {
      expect(allowNavigation(url, PAGE)).toBe(false);
    }
  });

  it('hands only plain http(s) addresses to the OS browser', () => {
    expect(externalUrl('https://runbooks.example.com/gpu-oom')).toEqual({ ok: true, url: 'https://runbooks.example.com/gpu-oom' });
    expect(externalUrl('http://grafana:3000/d/x')).toMatchObject({ ok: true });
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'vscode://x', 'ms-msdt:/id', 'not a url']) {
      expect(externalUrl(bad).ok).toBe(false);
    }
    expect(externalUrl('https://user:pw@example.com/')).toMatchObject({ ok: false, reason: expect.stringMatching(/password/) as string });
  });

  it('grants the page no permission but writing plain text to the clipboard', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'clipboard-write'])
      expect(allowPermission(p)).toBe(false);
    expect(allowPermission('clipboard-sanitized-write')).toBe(true);
  });
});
