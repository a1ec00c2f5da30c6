import { describe, expect, it } from 'vitest';
import { logRuns, markControls, withoutAnsi } from './untrusted-text';

describe('markControls', () => {
  it('leaves ordinary text as one run', () => {
    expect(markControls('gpu-node-01 / ocr-worker')).toEqual([{ text: 'gpu-node-01 / ocr-worker' }]);
  });
  it('shows a right-to-left override as a visible mark, so "\\u202Egnp.exe" cannot read "exe.png"', () => {
    expect(markControls('\u202egnp.exe')).toEqual([
      { text: 'RLO', control: { title: 'U+202E RIGHT-TO-LEFT OVERRIDE' } },
      { text: 'gnp.exe' },
    ]);
  });
  it('marks zero-width characters and C0 controls, and newlines only in one-line names', () => {
    expect(markControls('ad\u200bmin\u0000').map((r) => r.text)).toEqual(['ad', 'ZWSP', 'min', '\u2400']);
    expect(markControls('a\nb')).toEqual([{ text: 'a\nb' }]);
    expect(markControls('a\nb', true).map((r) => r.text)).toEqual(['a', '\u240a', 'b']);
  });
  it('keeps emoji and other scripts whole', () => {
    expect(markControls('👩‍🔧 مرحبا')).toEqual([{ text: '👩‍🔧 مرحبا' }]);
  });
});

describe('logRuns', () => {
  it('turns ANSI colours into styled runs and drops the escapes', () => {
    expect(logRuns('\u001b[31mERROR\u001b[0m task \u001b[1;92mok\u001b[m done')).toEqual([
      { text: 'ERROR', fg: 1 },
      { text: ' task ' },
      { text: 'ok', fg: 10, bold: true },
      { text: ' done' },
    ]);
  });
  it('drops cursor moves, OSC titles and 256-colour arguments, and marks a lone ESC', () => {
    expect(logRuns('\u001b[2K\u001b]0;title\u0007\u001b[38;5;196mred\u001b[0m')).toEqual([{ text: 'red' }]);
    expect(logRuns('x\u001b').map((r) => r.text)).toEqual(['x', '\u241b']);
  });
  it('marks direction controls inside log lines too', () => {
    expect(logRuns('file \u202egnp.exe').map((r) => r.text)).toEqual(['file ', 'RLO', 'gnp.exe']);
  });
  it('gives the line without escapes for copying', () => {
    expect(withoutAnsi('\u001b[31mERROR\u001b[0m x')).toBe('ERROR x');
  });
});
