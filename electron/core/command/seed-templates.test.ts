import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkTemplate, DEFAULT_TEMPLATES } from '../../../shared/command/templates';
import { blockAfter, repairMojibake } from '../../test-support/seed-text';

/**
 * The comms templates against the seed files themselves (assets/seeds/, verbatim): put the seed's
 * words back where a template has a placeholder, and what remains must be the seed, byte for byte.
 */
const seed = (name: string): string => readFileSync(new URL(`../../../assets/seeds/${name}`, import.meta.url), 'utf8');
const runbook = seed('hd-compute-runbook.md');
const lecture = seed('ml-incident-lecture.md');

function backToSeed(body: string, words: Record<string, string>): string {
  let out = body;
  for (const [from, to] of Object.entries(words)) out = out.split(from).join(to);
  return out;
}

describe('templates are the seeds, quoted', () => {
  it('runbook: initial notification, status update, resolution notification', () => {
    expect(
      backToSeed(DEFAULT_TEMPLATES.initial.body, {
        '{{severity_label}}': '[P0/P1/P2/P3]',
        '{{services}}': 'HD-Compute-Toolkit',
        '{{impact}}': '[Description of user impact]',
        '{{started}}': '[Timestamp]',
        '{{commander}}': '[Name]',
        '{{status_page}}': '[URL]',
        '{{update_cadence}}': '15 minutes',
      }),
    ).toBe(repairMojibake(blockAfter(runbook, '### Initial Incident Notification')));
    expect(
      backToSeed(DEFAULT_TEMPLATES['status-update'].body, {
        '{{description}}': '[Brief description]',
        '{{public_status}}': '[Investigating/Identified/Monitoring/Resolved]',
        '{{changes}}': "[What we've learned/done]",
        '{{next_steps}}': '[Next steps]',
        '{{eta}}': '[Estimated resolution time]',
        '{{now}}': '[Timestamp]',
      }),
    ).toBe(repairMojibake(blockAfter(runbook, '### Status Update')));
    expect(
      backToSeed(DEFAULT_TEMPLATES.resolution.body, {
        '{{description}}': '[Brief description]',
        '{{duration}}': '[Total time]',
        '{{resolution}}': '[What fixed it]',
        '{{follow_up}}': '[Prevention measures]',
      }),
    ).toBe(repairMojibake(blockAfter(runbook, '### Resolution Notification')));
  });

  it("lecture: the Slack declaration message (dedented), severity with its P-level beside the lecture's word", () => {
    const start = lecture.indexOf('message = f"""') + 'message = f"""'.length;
    const message = lecture
      .slice(start, lecture.indexOf('"""', start))
      .trim()
      .split('\n')
      .map((l) => l.trim())
      .join('\n');
    expect(
      backToSeed(DEFAULT_TEMPLATES.declaration.body, {
        '{{ref_lower}}': "{incident['id'].lower()}",
        '{{ref}}': "{incident['id']}",
        '{{severity_word}} ({{severity_label}})': "{incident['severity'].upper()}",
        '{{title}}': "{incident['title']}",
        '{{summary}}': "{incident['description']}",
      }),
    ).toBe(repairMojibake(message));
  });

  it("handoff note: the lecture's handoff template lines it keeps are the lecture's", () => {
    const handoff = lecture.slice(lecture.indexOf('# On-Call Handoff Template'));
    const kept = [
      '### Current Status',
      '- [ ] All services healthy (or list issues)',
      '- [ ] Open incidents: ',
      '- [ ] Ongoing investigations: ',
      '### Notes for Next On-Call',
      '- [Any special instructions]',
      '- [Contact info for escalations]',
      '- [Links to runbooks]',
    ];
    for (const line of kept) {
      expect(handoff).toContain(line);
      expect(DEFAULT_TEMPLATES.handoff.body).toContain(line);
    }
  });

  it('every default template uses known placeholders only', () => {
    for (const t of Object.values(DEFAULT_TEMPLATES)) expect(checkTemplate(t.body), t.id).toEqual([]);
  });
});
