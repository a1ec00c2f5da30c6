import { markdown } from '@codemirror/lang-markdown';
import { EditorView, basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';

interface Props {
  /** The text to show when `epoch` changes (load, restore, redraft). Typing does not come back through here. */
  text: string;
  epoch: number;
  onChange: (text: string) => void;
  readOnly?: boolean;
}

/**
 * The postmortem's Markdown source in CodeMirror 6 (basicSetup: history, search, bracket matching;
 * Markdown highlighting). It owns its document while someone types; the store hears every change,
 * and only a new `epoch` replaces the document from outside.
 */
export function MarkdownEditor({ text, epoch, onChange, readOnly = false }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const change = useRef(onChange);
  useEffect(() => {
    change.current = onChange;
  });

  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      parent: host.current,
      doc: text,
      extensions: [
        basicSetup,
        markdown(),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': 'Postmortem Markdown', 'data-testid': 'postmortem-editor-content' }),
        EditorView.editable.of(!readOnly),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) change.current(u.state.doc.toString());
        }),
      ],
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The view is made once; later texts arrive through `epoch` below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [readOnly]);

  useEffect(() => {
    const v = view.current;
    if (!v || v.state.doc.toString() === text) return;
    // A new text starts at its top, not where the old one was scrolled to.
    v.dispatch({
      changes: { from: 0, to: v.state.doc.length, insert: text },
      selection: { anchor: 0 },
      effects: EditorView.scrollIntoView(0),
    });
    // Only a new epoch brings text in from outside.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [epoch]);

  return <div ref={host} className="md-editor" data-testid="postmortem-editor" />;
}
