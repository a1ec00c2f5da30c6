import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTION_SETTINGS, detectionSettingsSchema } from '../../../shared/detection/settings';
import { applyDraft, draftFrom } from './rule-fields';

describe('detection settings draft', () => {
  it('round-trips the defaults, shares as percentages', () => {
    const d = draftFrom(DEFAULT_DETECTION_SETTINGS);
    expect(d['rules.gpu-oom.memShare']).toBe('90');
    expect(d['rules.gpu-node-failure.ignoredXids']).toBe('13, 31, 43, 45');
    expect(applyDraft(DEFAULT_DETECTION_SETTINGS, d)).toEqual(DEFAULT_DETECTION_SETTINGS);
  });

  it('turns edits into numbers the schema checks, naming the field that is wrong', () => {
    const d = { ...draftFrom(DEFAULT_DETECTION_SETTINGS), 'rules.gpu-oom.memShare': '85', 'rules.storage-saturation.forSec': '' };
    const s = applyDraft(DEFAULT_DETECTION_SETTINGS, d);
    expect(s.rules['gpu-oom'].memShare).toBe(0.85);
    const r = detectionSettingsSchema.safeParse(s);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['rules.storage-saturation.forSec']);
  });
});
