import { createContext, memo, useContext } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import type { TimelineEvent } from '../../../shared/domain/incident';
import { CHART_LANG, EVIDENCE_LANG } from '../../logic/embeds';
import { EmbedChart } from './EmbedChart';
import { EmbedEvidence } from './EmbedEvidence';

interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: { className?: unknown };
  children?: HastNode[];
}

function textOf(node: HastNode | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

function languageOf(node: HastNode | undefined): string | null {
  const classes = node?.properties?.className;
  if (!Array.isArray(classes)) return null;
  const lang = classes.find((c): c is string => typeof c === 'string' && c.startsWith('language-'));
  return lang ? lang.slice('language-'.length) : null;
}

/** The incident's timeline for evidence embeds; through context so the component map below never changes identity. */
const TimelineContext = createContext<readonly TimelineEvent[]>([]);

function Evidence({ source }: { source: string }) {
  return <EmbedEvidence source={source} timeline={useContext(TimelineContext)} />;
}

/** Module-level: a new map per render would be new component types, remounting (and re-reading) every embed per keystroke. */
const COMPONENTS: Components = {
  pre({ node, children }) {
    const code = (node as HastNode | undefined)?.children?.find((c) => c.tagName === 'code');
    const lang = languageOf(code);
    if (lang === CHART_LANG) return <EmbedChart source={textOf(code)} />;
    if (lang === EVIDENCE_LANG) return <Evidence source={textOf(code)} />;
    return <pre>{children}</pre>;
  },
  // A preview fetches nothing: an image is named, not loaded (offline, and no tracking pixels).
  img({ src, alt }) {
    return (
      <span className="md-image" title={typeof src === 'string' ? src : undefined}>
        [image: {alt || 'untitled'}]
      </span>
    );
  },
  a({ href, children }) {
    return (
      <a href={href} target="_blank" rel="noreferrer noopener">
        {children}
      </a>
    );
  },
};

const PLUGINS = [remarkGfm];

/**
 * The rendered postmortem. react-markdown builds React elements from the Markdown syntax tree; raw
 * HTML in the text is shown as the text it is (no rehype-raw), and react-markdown's default URL
 * filter drops javascript: and other unsafe links. Embeds draw from stored data (logic/embeds.ts).
 */
export const MarkdownPreview = memo(function MarkdownPreview({ text, timeline }: { text: string; timeline: readonly TimelineEvent[] }) {
  return (
    <div className="md-preview" data-testid="postmortem-preview">
      <TimelineContext.Provider value={timeline}>
        <Markdown remarkPlugins={PLUGINS} components={COMPONENTS}>
          {text}
        </Markdown>
      </TimelineContext.Provider>
    </div>
  );
});
