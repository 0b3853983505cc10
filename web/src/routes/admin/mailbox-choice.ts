/**
 * The state of the "visible mailboxes" checkboxes: "every mailbox" is one more
 * checkbox of the same group (a checkbox inside a Mantine Checkbox.Group only
 * follows the group's value, never its own `checked`), with this sentinel value.
 */
export type MailboxChoiceValue = 'all' | string[];

export const everyMailboxValue = '*';

/** The group's checked values for a choice. */
export function checkedValues(choice: MailboxChoiceValue): string[] {
  return choice === 'all' ? [everyMailboxValue] : choice;
}

/**
 * The choice after the group reports `checked`: ticking "every mailbox" gives
 * 'all'; unticking it starts from no mailbox; otherwise the ticked mailboxes.
 */
export function choiceOf(previous: MailboxChoiceValue, checked: string[]): MailboxChoiceValue {
  const every = checked.includes(everyMailboxValue);
  if (every && previous !== 'all') return 'all';
  if (!every && previous === 'all') return [];
  return checked.filter((id) => id !== everyMailboxValue);
}
