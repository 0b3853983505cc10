/** The inbox's search form (the `/` shortcut focuses its field). */
import { Button, Group, TextInput } from '@mantine/core';
import type { FormEvent, ReactNode, RefObject } from 'react';
import { useWorkspaceI18n } from './workspace-i18n.ts';

export function InboxSearch(props: {
  q: string | undefined;
  inputRef: RefObject<HTMLInputElement | null>;
  /** The words submitted, as the form sent them (`q`). */
  onSearch: (q: FormDataEntryValue | null) => void;
  /** More controls on the search's line (the filters button). */
  children?: ReactNode;
}) {
  const t = useWorkspaceI18n();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    props.onSearch(new FormData(event.currentTarget).get('q'));
  };
  return (
    <form onSubmit={onSubmit}>
      <Group align="flex-end" gap={6} wrap="nowrap">
        <TextInput
          ref={props.inputRef}
          name="q"
          key={props.q ?? ''}
          defaultValue={props.q ?? ''}
          placeholder={t.searchPlaceholder}
          aria-label={t.searchLabel}
          style={{ flex: 1, minWidth: 140 }}
          maxLength={200}
          size="xs"
          // Escape leaves the field: the shortcuts work again
          onKeyDown={(event) => {
            if (event.key === 'Escape') event.currentTarget.blur();
          }}
        />
        <Button type="submit" size="xs" variant="default">
          {t.searchButton}
        </Button>
        {props.children}
      </Group>
    </form>
  );
}
