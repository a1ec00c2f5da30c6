import { describe, expect, it } from 'vitest';
import { BUILTIN_PLAYBOOKS } from '../../../shared/playbooks/builtin/index';
import type { SeedFile, SeedRef } from '../../../shared/playbooks/schema';
import { normalise, readSeed, type SeedLine } from '../../test-support/seed-lines';

/**
 * Every checklist line of the seeds is in the built-in playbook data, quoted from the line it names,
 * and nothing in the data claims a seed line it does not quote. The seeds are read at test time
 * from assets/seeds/ (verbatim copies); which sections hold checklist lines is listed below, with
 * the reason for each section that does not.
 */
const CHECKLIST_SECTIONS: Record<SeedFile, { covered: string[]; elsewhere: Record<string, string> }> = {
  'incident-playbook.md': {
    // The whole file is a playbook: first response and every incident type.
    covered: [
      'First Response Checklist (Always)',
      'Incident: GPU OOM / VRAM Fragmentation',
      'Incident: GPU Contention (Slow, not failing)',
      'Incident: Queue Backlog / Stuck Jobs',
      'Incident: Storage Saturation (NFS/MinIO)',
      'Incident: Auth / Keycloak / AD Issues',
      'Incident Story: JupyterHub VRAM Contention',
    ],
    elsewhere: {},
  },
  'incident-management.md': {
    covered: ['Responsibilities', 'Example'],
    elsewhere: {
      Definition: 'prose',
      'Why it matters in GPUaaS': 'consequences of failures, not steps',
      'Common incidents': 'a list of incident types; the node-failure lines are traced as symptoms of gpu-node-failure',
      'Typical workflow': 'the incident lifecycle Pitwall itself implements (declare, status), not a checklist',
      'Manual vs automated': 'prose',
      'Mental model': 'prose',
      'Related terms': 'links',
    },
  },
  'hd-compute-runbook.md': {
    covered: [
      'Common Incidents and Responses',
      'Escalation Procedures',
      'Post-Incident Procedures',
      'Prevention Strategies',
      'Testing and Validation',
    ],
    elsewhere: {
      'Incident Classification': 'severity levels: the severity policy (shared/policy)',
      'Communication Templates': 'comms templates: the comms domain (issue #12)',
      'Emergency Contacts': 'phone numbers, not steps',
      'Recovery Time Objectives (RTO)': 'targets table, not steps',
    },
  },
  'gaudi-playbook.md': {
    covered: ['Response Procedures', 'Common Incident Scenarios', 'Recovery Procedures', 'Retrospective Process', 'Continuous Improvement'],
    elsewhere: {
      'Incident Classification': 'severity levels: the severity policy',
      'Diagnostic Tools': 'two scripts (their invocation, ./scripts/collect_diagnostics.sh, is a P1 command)',
      'Incident Report Template': 'the postmortem template (issue #13)',
      'Contacts and Escalation': 'contact placeholders; the escalation matrix is the severity policy',
    },
  },
  'ml-incident-lecture.md': {
    covered: ['Common ML Incident Types', 'Playbook: Model Performance Degradation', 'Playbook: Prediction Service Outage'],
    elsewhere: {
      'Learning Objectives': 'course goals',
      'Incident Lifecycle': 'the lifecycle Pitwall implements',
      'Incident Severity Levels': 'the severity policy',
      'Incident Declaration': 'code of a declaration; declaring is the incident domain',
      'On-Call Best Practices': 'rotation config and the handoff template (issue #12)',
      'Postmortem Process': 'the postmortem template (issue #13)',
      'Incident Metrics': 'metrics code (issue #13)',
      'Key Takeaways': 'prose',
      Exercises: 'course exercises',
      'Additional Resources': 'reading list',
    },
  },
};

interface Quote {
  playbook: string;
  where: string;
  source: SeedRef;
  text: string;
  command?: string;
}

function quotes(): Quote[] {
  const out: Quote[] = [];
  for (const p of BUILTIN_PLAYBOOKS) {
    const add = (where: string, source: SeedRef | undefined, text: string, command?: string): void => {
      if (source) out.push({ playbook: p.id, where, source, text, ...(command !== undefined ? { command } : {}) });
    };
    for (const [field, list] of [
      ['causes', p.causes],
      ['hardening', p.hardening],
      ['escalation', p.escalation],
    ] as const)
      list.forEach((t, i) => add(`${field}[${i}]`, t.source, t.text));
    for (const s of p.sections) {
      add(`section ${s.id}`, s.source, s.title);
      for (const item of s.items) {
        add(`item ${item.id}`, item.source, item.text, item.command);
        for (const b of ['yes', 'no'] as const) if (item[b]) add(`item ${item.id} ${b}`, item[b]?.source, item[b]?.label ?? '');
      }
    }
  }
  return out;
}

const ALL = quotes();
const SEEDS = Object.keys(CHECKLIST_SECTIONS) as SeedFile[];
const commandLines = (q: Quote): string[] => (q.command ?? '').split('\n').map((l) => l.trim());

function quotesLine(q: Quote, line: SeedLine): boolean {
  if (line.kind === 'code') {
    const comment = /^#+\s*(.*)$/.exec(line.content);
    return commandLines(q).includes(line.content) || (comment !== null && normalise(q.text) === normalise(comment[1] ?? ''));
  }
  const text = normalise(q.text);
  return (
    text === line.content ||
    (q.command !== undefined && normalise(`${q.text}: ${q.command}`) === line.content) ||
    q.source.heading === line.content
  );
}

function inRange(q: Quote, no: number): boolean {
  return no >= q.source.line && no <= (q.source.endLine ?? q.source.line);
}

describe('built-in playbooks against the seeds', () => {
  for (const seed of SEEDS) {
    const lines = readSeed(seed);
    const { covered, elsewhere } = CHECKLIST_SECTIONS[seed];

    it(`${seed}: every list or code line sits in a checklist section or in one named with where it lives instead`, () => {
      for (const name of [...covered, ...Object.keys(elsewhere)]) {
        expect(
          lines.some((l) => l.kind === 'heading' && l.content === name),
          `heading "${name}"`,
        ).toBe(true);
      }
      const unaccounted = lines
        .filter((l) => l.kind === 'list' || l.kind === 'labelled' || l.kind === 'code')
        .filter((l) => !l.path.some((p) => covered.includes(p) || p in elsewhere))
        .map((l) => `${l.no} (${l.path.join(' › ')}) ${l.raw.trim()}`);
      expect(unaccounted).toEqual([]);
    });

    it(`${seed}: every checklist line is quoted by a playbook`, () => {
      const required = lines.filter(
        (l) => (l.kind === 'list' || l.kind === 'labelled' || l.kind === 'code') && l.path.some((p) => covered.includes(p)),
      );
      expect(required.length).toBeGreaterThan(0);
      const missing = required
        .filter((l) => !ALL.some((q) => q.source.seed === seed && inRange(q, l.no) && quotesLine(q, l)))
        .map((l) => `${seed}:${l.no} ${l.raw.trim()}`);
      expect(missing).toEqual([]);
    });

    it(`${seed}: every line a playbook cites says what the playbook quotes`, () => {
      const bad: string[] = [];
      for (const q of ALL.filter((x) => x.source.seed === seed)) {
        const at = lines[q.source.line - 1];
        const end = q.source.endLine ?? q.source.line;
        if (!at || end < q.source.line || end > lines.length) {
          bad.push(`${q.playbook} ${q.where}: line ${q.source.line}–${end} is outside the seed`);
          continue;
        }
        if (q.source.heading !== undefined && at.heading !== q.source.heading) {
          bad.push(`${q.playbook} ${q.where}: line ${q.source.line} sits under "${at.heading ?? ''}", not "${q.source.heading}"`);
        }
        if ((at.kind === 'list' || at.kind === 'labelled') && !quotesLine(q, at)) {
          bad.push(`${q.playbook} ${q.where}: "${q.text}" is not what line ${q.source.line} says ("${at.content}")`);
        }
        if (q.command !== undefined) {
          const span = lines.slice(q.source.line - 1, end);
          const code = span.filter((l) => l.kind === 'code').map((l) => l.content);
          // A command may also be written inline in a list line ("Scale up replicas: `kubectl scale …`").
          const inline = span.filter((l) => l.kind === 'list' && quotesLine(q, l));
          const invented = inline.length ? [] : commandLines(q).filter((c) => c !== '' && !code.includes(c));
          if (invented.length)
            bad.push(`${q.playbook} ${q.where}: command lines not in the seed at ${q.source.line}–${end}: ${invented.join(' | ')}`);
        }
      }
      expect(bad).toEqual([]);
    });
  }

  it('a seed line dropped from the data is reported (the check can fail)', () => {
    const lines = readSeed('incident-playbook.md');
    const line = lines.find((l) => l.no === 5);
    expect(line?.content).toBe('Check queue depth + job latency in AsynqMon.');
    const without = ALL.filter((q) => !(q.source.seed === 'incident-playbook.md' && q.source.line === 5));
    expect(
      without.some((q) => q.source.seed === 'incident-playbook.md' && line !== undefined && inRange(q, 5) && quotesLine(q, line)),
    ).toBe(false);
  });
});
