/**
 * The composer's editor (issue 19 §1): TipTap through Mantine's RichTextEditor
 * — bold, italics, lists, quotes, links; nothing else is offered and the
 * server keeps only these. Files dropped on it or images pasted into it are
 * handed to the composer (attachments, never inline data). In a note, `@`
 * opens the colleague picker (Enter takes the first, a click any). Ctrl+Enter
 * sends; Escape leaves the editor (then Escape goes back to the list).
 */
import { Button, Group, Paper, Text } from '@mantine/core';
import { RichTextEditor, type RichTextEditorProps } from '@mantine/tiptap';
import '@mantine/tiptap/styles.css';
import Placeholder from '@tiptap/extension-placeholder';
import { type Editor, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { forwardRef, useImperativeHandle, useRef, useState } from 'react';
import { useComposerI18n } from './composer-i18n.ts';
import { matchingColleagues, mentionQuery } from './composer-logic.ts';

export type EditorHandle = {
  focus: () => void;
  setHtml: (html: string) => void;
  insertHtml: (html: string) => void;
  html: () => string;
};

type Colleague = { id: string; name: string };

type Props = {
  label: string;
  placeholder: string;
  initialHtml: string;
  onChange: (html: string) => void;
  onFiles?: (files: File[], pasted: boolean) => void;
  onSubmit?: () => void;
  /** Set in a note: `@` opens the picker. */
  colleagues?: Colleague[];
  onMention?: (colleague: Colleague) => void;
  minHeight?: number;
};

const imagesOf = (list: FileList | null | undefined): File[] =>
  [...(list ?? [])].filter((f) => f.type === 'image/png' || f.type === 'image/jpeg');

export const ComposerEditor = forwardRef<EditorHandle, Props>(function ComposerEditor(props, ref) {
  const t = useComposerI18n();
  const [query, setQuery] = useState<string | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const matches =
    query !== null && props.colleagues ? matchingColleagues(props.colleagues, query) : [];
  const matchesRef = useRef(matches);
  matchesRef.current = matches;

  const pick = (editor: Editor | null, colleague: Colleague) => {
    if (!editor) return;
    const { from } = editor.state.selection;
    const typed = mentionQuery(textBefore(editor)) ?? '';
    editor
      .chain()
      .focus()
      .deleteRange({ from: from - typed.length - 1, to: from })
      .insertContent(`@${colleague.name} `)
      .run();
    setQuery(null);
    latest.current.onMention?.(colleague);
  };

  const editor = useEditor({
    extensions: [
      // StarterKit (TipTap 3) carries the link mark: links are not followed while editing.
      StarterKit.configure({
        heading: false,
        horizontalRule: false,
        link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'] },
      }),
      Placeholder.configure({ placeholder: props.placeholder }),
    ],
    content: props.initialHtml,
    shouldRerenderOnTransaction: true,
    onUpdate: ({ editor: current }) => {
      latest.current.onChange(current.getHTML());
      setQuery(latest.current.colleagues ? mentionQuery(textBefore(current)) : null);
    },
    editorProps: {
      attributes: {
        'aria-label': props.label,
        'aria-multiline': 'true',
        role: 'textbox',
        'data-testid': 'composer-editor',
      },
      handlePaste: (_view, event) => {
        const images = imagesOf(event.clipboardData?.files);
        if (images.length === 0) return false;
        latest.current.onFiles?.(images, true);
        return true;
      },
      handleDrop: (_view, event) => {
        const files = [...(event.dataTransfer?.files ?? [])];
        if (files.length === 0) return false;
        event.preventDefault();
        latest.current.onFiles?.(files, false);
        return true;
      },
      handleKeyDown: (view, event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          latest.current.onSubmit?.();
          return true;
        }
        const first = matchesRef.current[0];
        if (event.key === 'Enter' && first) {
          event.preventDefault();
          pick(editorRef.current, first);
          return true;
        }
        if (event.key === 'Escape') {
          if (matchesRef.current.length > 0) setQuery(null);
          else (view.dom as HTMLElement).blur();
          return true;
        }
        return false;
      },
    },
  });
  const editorRef = useRef<Editor | null>(editor);
  editorRef.current = editor;

  useImperativeHandle(
    ref,
    () => ({
      focus: () => editor?.commands.focus('start'),
      setHtml: (html) => editor?.commands.setContent(html, { emitUpdate: false }),
      insertHtml: (html) => editor?.chain().focus('start').insertContent(html).run(),
      html: () => editor?.getHTML() ?? '',
    }),
    [editor],
  );

  return (
    <div>
      <RichTextEditor
        // Mantine's declarations name TipTap's Editor through another module path: the same class.
        editor={editor as unknown as RichTextEditorProps['editor']}
        labels={t.toolbar}
      >
        <RichTextEditor.Toolbar aria-label={t.toolbarLabel}>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Bold />
            <RichTextEditor.Italic />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.BulletList />
            <RichTextEditor.OrderedList />
            <RichTextEditor.Blockquote />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Link />
            <RichTextEditor.Unlink />
          </RichTextEditor.ControlsGroup>
        </RichTextEditor.Toolbar>
        <RichTextEditor.Content
          style={{ minHeight: props.minHeight ?? 96, maxHeight: 320, overflowY: 'auto' }}
        />
      </RichTextEditor>
      {matches.length > 0 && (
        <Paper withBorder shadow="sm" p={4} mt={4} role="listbox" aria-label={t.mentionPicker}>
          <Text size="xs" c="dimmed" px={4}>
            {t.mentionPicker}
          </Text>
          <Group gap={4}>
            {matches.map((c, index) => (
              <Button
                key={c.id}
                size="compact-xs"
                variant={index === 0 ? 'light' : 'subtle'}
                role="option"
                aria-selected={index === 0}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => pick(editor, c)}
              >
                {c.name}
              </Button>
            ))}
          </Group>
        </Paper>
      )}
    </div>
  );
});

/** The text of the current paragraph up to the cursor. */
function textBefore(editor: Editor): string {
  const { from } = editor.state.selection;
  return editor.state.doc.textBetween(Math.max(0, from - 40), from, '\n', ' ');
}
