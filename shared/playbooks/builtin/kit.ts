import type { EvidenceQuery } from '../evidence';
import type { DecisionBranch, PlaybookItem, PlaybookSection, SectionStage, SeedFile, SeedRef, Traced } from '../schema';

/**
 * Shorthand for writing the built-in playbooks from one seed: every entry names the seed line it
 * quotes, so the coverage test (electron/core/playbooks/seed-coverage.test.ts) can check the text
 * against the seed itself. Texts are quoted as the seed writes them (markdown markers dropped).
 */
export interface SeedKit {
  ref(line: number, heading?: string, endLine?: number): SeedRef;
  t(line: number, text: string, heading?: string): Traced;
  /** Consecutive seed lines from `line` on, under one heading. */
  list(line: number, heading: string, texts: readonly string[]): Traced[];
  check(id: string, line: number, text: string, more?: ItemExtras): PlaybookItem;
  action(id: string, line: number, text: string, more?: ItemExtras): PlaybookItem;
  /** A snippet: `line`..`endLine` is the seed's comment (or list line) and the command lines under it. */
  cmd(id: string, line: number, endLine: number, text: string, command: string, more?: ItemExtras): PlaybookItem;
  decision(id: string, line: number, text: string, heading: string, yes: DecisionBranch, no: DecisionBranch): PlaybookItem;
  branch(line: number, label: string, goto: string[]): DecisionBranch;
  section(
    id: string,
    title: string,
    stage: SectionStage,
    line: number,
    heading: string,
    items: PlaybookItem[],
    more?: SectionExtras,
  ): PlaybookSection;
}

export type ItemExtras = Partial<Pick<PlaybookItem, 'detail' | 'role' | 'dueAfterMin'>> & { evidence?: EvidenceQuery[] };
export type SectionExtras = Partial<Pick<PlaybookSection, 'note' | 'severities' | 'dueAfterMin'>>;

export function seedKit(seed: SeedFile): SeedKit {
  const ref = (line: number, heading?: string, endLine?: number): SeedRef => ({
    seed,
    line,
    ...(endLine !== undefined ? { endLine } : {}),
    ...(heading !== undefined ? { heading } : {}),
  });
  const item = (id: string, kind: PlaybookItem['kind'], text: string, source: SeedRef, more: ItemExtras = {}): PlaybookItem => ({
    id,
    kind,
    text,
    ...more,
    source,
  });
  return {
    ref,
    t: (line, text, heading) => ({ text, source: ref(line, heading) }),
    list: (line, heading, texts) => texts.map((text, i) => ({ text, source: ref(line + i, heading) })),
    check: (id, line, text, more) => item(id, 'check', text, ref(line), more),
    action: (id, line, text, more) => item(id, 'action', text, ref(line), more),
    cmd: (id, line, endLine, text, command, more) => ({ ...item(id, 'command', text, ref(line, undefined, endLine), more), command }),
    decision: (id, line, text, heading, yes, no) => ({ id, kind: 'decision', text, yes, no, source: ref(line, heading) }),
    branch: (line, label, goto) => ({ label, goto, source: ref(line) }),
    section: (id, title, stage, line, heading, items, more = {}) => ({ id, title, stage, ...more, source: ref(line, heading), items }),
  };
}

/** Evidence queries the built-ins use, named once. */
export const EV = {
  pending: (queue?: string): EvidenceQuery => ({ kind: 'queue-pending', ...(queue ? { queue } : {}) }),
  latency: (queue?: string): EvidenceQuery => ({ kind: 'queue-latency', ...(queue ? { queue } : {}) }),
  failed: (queue?: string): EvidenceQuery => ({ kind: 'queue-failed', ...(queue ? { queue } : {}) }),
  gpu: (node?: string): EvidenceQuery => ({ kind: 'gpu-memory', ...(node ? { node } : {}) }),
  oom: (): EvidenceQuery => ({ kind: 'oom-kills' }),
  restarts: (): EvidenceQuery => ({ kind: 'restarts' }),
  fs: (mountpoint?: string): EvidenceQuery => ({ kind: 'fs-saturation', ...(mountpoint ? { mountpoint } : {}) }),
  fsErrors: (): EvidenceQuery => ({ kind: 'fs-device-errors' }),
  errors: (service?: string): EvidenceQuery => ({ kind: 'error-lines', ...(service ? { service } : {}) }),
  authFailures: (): EvidenceQuery => ({ kind: 'auth-failures' }),
  alerts: (filter: { playbook?: string; alert?: string } = {}): EvidenceQuery => ({ kind: 'firing-alerts', ...filter }),
};

export const HOUR_MIN = 60;
export const DAY_MIN = 24 * 60;
export const WEEK_MIN = 7 * DAY_MIN;
