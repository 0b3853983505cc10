/** The inbox's search form (the `/` shortcut focuses its field). */
import { Button, Group, TextInput } from '@mantine/core';
import type { FormEvent, RefObject } from 'react';
import { useWorkspaceI18n } from './workspace-i18n.ts';

export function InboxSearch(props: {
  q: string | undefined;
  inputRef: RefObject<HTMLInputElement | null>;
  /** The words submitted, as the form sent them (`q`). */
  onSearch: (q: FormDataEntryValue | null) => void;
}) {
  const t = useWorkspaceI18n();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    props.onSearch(new FormData(event.currentTarget).get('q'));
  };
  return (
    <form onSubmit={onSubmit}>
      <Group align="flex-end" gap="xs">
        <TextInput
          ref={props.inputRef}
          name="q"
          key={props.q ?? ''}
          defaultValue={props.q ?? ''}
          label={t.searchLabel}
          placeholder={t.searchPlaceholder}
          style={{ flex: 1, minWidth: 200 }}
          maxLength={200}
        />
        <Button type="submit">{t.searchPlaceholder.replace('…', '')}</Button>
      </Group>
    </form>
  );
}
