import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ExpandableText, LogText, Name } from './UntrustedText';

describe('UntrustedText', () => {
  it('isolates a name and shows a direction override as a mark instead of obeying it', () => {
    const html = renderToStaticMarkup(<Name text={'invoice\u202egnp.exe'} />);
    expect(html).toMatch(
      /^<bdi class="ut ut-name">invoice<span class="ut-mark" title="U\+202E RIGHT-TO-LEFT OVERRIDE">RLO<\/span>gnp\.exe<\/bdi>$/,
    );
    expect(html).not.toContain('\u202e');
  });

  it('may break a name after each hyphen and still marks its controls', () => {
    const html = renderToStaticMarkup(<Name text={'ocr-worker-7f9c2\u202e'} hyphenBreaks />);
    expect(html).toBe(
      '<bdi class="ut ut-name">ocr-<wbr/>worker-<wbr/>7f9c2<span class="ut-mark" title="U+202E RIGHT-TO-LEFT OVERRIDE">RLO</span></bdi>',
    );
    expect(renderToStaticMarkup(<Name text="ocr-worker" />)).toBe('<bdi class="ut ut-name">ocr-worker</bdi>');
  });

  it('renders ANSI colours as classes and never as markup', () => {
    const html = renderToStaticMarkup(<LogText text={'\u001b[31m<b>ERROR</b>\u001b[0m done'} />);
    expect(html).toBe('<bdi class="ut ut-log"><span class="ansi-1">&lt;b&gt;ERROR&lt;/b&gt;</span> done</bdi>');
  });

  it('cuts long text with the whole of it one click away', () => {
    const text = 'x'.repeat(19_000);
    const html = renderToStaticMarkup(<ExpandableText text={text} />);
    expect(html).toContain(`${'x'.repeat(600)}…`);
    expect(html).not.toContain('x'.repeat(601));
    expect(html).toContain('Show all (19,000 characters)');
    expect(html).toContain('Copy');
    expect(renderToStaticMarkup(<ExpandableText text="short" />)).not.toContain('Show all');
  });

  it('never cuts inside a surrogate pair', () => {
    const html = renderToStaticMarkup(<ExpandableText text={`${'a'.repeat(599)}😀${'b'.repeat(10)}`} />);
    expect(html).toContain(`${'a'.repeat(599)}…`);
  });
});
