/** The dialog that changes the mailboxes an agent or viewer sees. */
import { Button, Group, Modal, Stack } from '@mantine/core';
import { useState } from 'react';
import { useAdminI18n } from './admin-i18n.ts';
import type { MailboxChoiceValue } from './mailbox-choice.ts';
import { MailboxChoice } from './mailbox-choice-group.tsx';
import type { ListedUser } from './user-accounts.ts';

export function MailboxModal(props: {
  user: ListedUser;
  mailboxes: { id: string; name: string }[];
  onClose: () => void;
  onSave: (scope: MailboxChoiceValue) => void;
}) {
  const { a } = useAdminI18n();
  const [scope, setScope] = useState<MailboxChoiceValue>(props.user.mailboxes);
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={a.mailboxesTitle(props.user.name)}
      closeButtonProps={{ 'aria-label': a.cancel }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          props.onSave(scope);
        }}
      >
        <Stack>
          <MailboxChoice
            legend={a.columns.mailboxes}
            mailboxes={props.mailboxes}
            value={scope}
            onChange={setScope}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {a.cancel}
            </Button>
            <Button type="submit">{a.save}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
