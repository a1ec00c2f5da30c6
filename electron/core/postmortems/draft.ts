import type { PostmortemTemplate } from '../../../shared/domain/postmortem';
import type { PostmortemFacts } from './facts';
import { gaudiDraft } from './templates/gaudi';
import { lectureDraft } from './templates/lecture';

const DRAFTERS: Readonly<Record<PostmortemTemplate, (f: PostmortemFacts) => string>> = {
  lecture: lectureDraft,
  gaudi: gaudiDraft,
};

/** The Markdown draft of a postmortem in the chosen seed template. */
export function draftPostmortem(template: PostmortemTemplate, facts: PostmortemFacts): string {
  return DRAFTERS[template](facts);
}
