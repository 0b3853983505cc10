import { describe, expect, it } from 'vitest';
import { checkedValues, choiceOf, everyMailboxValue } from './mailbox-choice.ts';

describe('the visible mailboxes checkboxes', () => {
  it('shows "every mailbox" ticked for all, and the ticked mailboxes otherwise', () => {
    expect(checkedValues('all')).toEqual([everyMailboxValue]);
    expect(checkedValues(['a', 'b'])).toEqual(['a', 'b']);
  });

  it('unticking "every mailbox" starts from no mailbox, then mailboxes are ticked one by one', () => {
    let choice = choiceOf('all', []);
    expect(choice).toEqual([]);
    choice = choiceOf(choice, ['a']);
    expect(choice).toEqual(['a']);
    choice = choiceOf(choice, ['a', 'b']);
    expect(choice).toEqual(['a', 'b']);
    expect(choiceOf(choice, ['b'])).toEqual(['b']);
  });

  it('ticking "every mailbox" over a list gives all', () => {
    expect(choiceOf(['a'], ['a', everyMailboxValue])).toBe('all');
    expect(choiceOf([], [everyMailboxValue])).toBe('all');
  });
});
