import { describe, expect, it } from 'vitest';
import type { DueItem } from '../../shared/command/due';
import { activeSnooze, dueWhen } from './due-view';

const T = 1_763_820_000_000;
const item = (over: Partial<DueItem>): DueItem => ({
  key: `ack:${T}`,
  kind: 'ack',
  title: 'Acknowledge',
  detail: '',
  dueAt: T,
  state: 'upcoming',
  answeredAt: null,
  answeredBy: null,
  notify: true,
  templateId: null,
  level: null,
  ...over,
});

describe('dueWhen', () => {
  it('counts down, warns in the last two minutes, and counts up once overdue', () => {
    expect(dueWhen(item({}), T - 5 * 60_000)).toEqual({ text: 'due in 5m 00s', tone: 'ok' });
    expect(dueWhen(item({}), T - 90_000)).toEqual({ text: 'due in 1m 30s', tone: 'warn' });
    expect(dueWhen(item({ state: 'due' }), T)).toEqual({ text: 'due now', tone: 'breach' });
    expect(dueWhen(item({}), T - 400)).toEqual({ text: 'due now', tone: 'breach' });
    expect(dueWhen(item({ state: 'due' }), T + 65_000)).toEqual({ text: 'overdue by 1m 05s', tone: 'breach' });
  });

  it('says what answered it, and how late', () => {
    expect(dueWhen(item({ state: 'done', answeredAt: T - 1, answeredBy: 'acknowledged' }), T)).toEqual({
      text: 'acknowledged',
      tone: 'done',
    });
    expect(dueWhen(item({ state: 'done', answeredAt: T + 120_000, answeredBy: 'acknowledged' }), T)).toEqual({
      text: 'acknowledged 2m 00s late',
      tone: 'done',
    });
  });

  it('an item that does not notify is only a warning when due', () => {
    expect(dueWhen(item({ state: 'due', notify: false }), T + 1000).tone).toBe('warn');
  });
});

it('activeSnooze is the latest snooze of that item while it runs', () => {
  const s = (until: number, at: number) => ({ id: String(at), incidentId: 1, dueKey: `ack:${T}`, until, at, author: 'd' });
  expect(activeSnooze(item({}), [s(T + 10, 1), s(T + 5, 2)], T)?.until).toBe(T + 5);
  expect(activeSnooze(item({}), [s(T + 5, 1)], T + 5)).toBeNull();
});
