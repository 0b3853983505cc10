/** "Every mailbox" or a choice of mailboxes, as checkboxes in one group (see mailbox-choice.ts). */
import { Checkbox, Stack } from '@mantine/core';
import { useAdminI18n } from './admin-i18n.ts';
import {
  checkedValues,
  choiceOf,
  everyMailboxValue,
  type MailboxChoiceValue,
} from './mailbox-choice.ts';

export function MailboxChoice(props: {
  legend: string;
  mailboxes: { id: string; name: string }[];
  value: MailboxChoiceValue;
  onChange: (value: MailboxChoiceValue) => void;
}) {
  const { a } = useAdminI18n();
  const { mailboxes, value, onChange } = props;
  return (
    <Checkbox.Group
      label={props.legend}
      value={checkedValues(value)}
      onChange={(checked) => onChange(choiceOf(value, checked))}
    >
      <Stack gap={6} mt={6}>
        <Checkbox value={everyMailboxValue} label={a.allMailboxes} />
        {mailboxes.map((m) => (
          <Checkbox key={m.id} value={m.id} label={m.name} disabled={value === 'all'} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}
