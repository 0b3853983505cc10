/**
 * The first-run checklist (issue 15 §1): each step of setting a desk up with
 * its state (done, to do, failing) and how many things it counts, from the
 * facts of domain/mailboxes/setup-facts.ts. Mail is done when every open
 * mailbox has it and failing when one of them fails.
 */
import type { SetupFacts } from '../domain/mailboxes/setup-facts.ts';
import type {
  MailboxMailHealthDto,
  SetupChecklistDto,
  SetupItemKey,
  SetupState,
} from '../shared/setup-contracts.ts';

const counted = (n: number): SetupState => (n > 0 ? 'done' : 'todo');

function mailState(
  mailboxes: MailboxMailHealthDto[],
  has: (m: MailboxMailHealthDto) => boolean,
  failing: (m: MailboxMailHealthDto) => boolean,
): { state: SetupState; count: number } {
  const count = mailboxes.filter(has).length;
  if (mailboxes.some(failing)) return { state: 'failing', count };
  return { state: mailboxes.length > 0 && count === mailboxes.length ? 'done' : 'todo', count };
}

export function presentSetupChecklist(facts: SetupFacts): SetupChecklistDto {
  const { mailboxes } = facts;
  const items: SetupChecklistDto['items'] = [
    {
      key: 'addresses',
      ...mailState(
        mailboxes,
        (m) => m.addresses > 0,
        () => false,
      ),
    },
    {
      key: 'outgoing',
      ...mailState(
        mailboxes,
        (m) => m.outgoing !== 'none',
        (m) => m.outgoingFailing,
      ),
    },
    {
      key: 'incoming',
      ...mailState(
        mailboxes,
        (m) => m.incoming !== 'none',
        (m) => m.incomingFailing,
      ),
    },
    { key: 'fields', state: counted(facts.fieldValues), count: facts.fieldValues },
    { key: 'directory', state: counted(facts.organisations), count: facts.organisations },
    { key: 'helpCentre', state: counted(facts.publishedArticles), count: facts.publishedArticles },
    { key: 'users', state: counted(facts.colleagues), count: facts.colleagues },
  ] satisfies { key: SetupItemKey; state: SetupState; count: number }[];
  return {
    items,
    mailboxes,
    complete: items.every((item) => item.state === 'done'),
    relay: facts.instance.relay,
  };
}
