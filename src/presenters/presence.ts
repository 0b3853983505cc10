import type { Presence } from '../domain/presence/presence.ts';
import type { PresenceDto } from '../shared/workspace-contracts.ts';

/** Who else has the ticket open, and whether they are typing a reply. */
export const presentPresence = (presence: Presence): PresenceDto => ({
  others: presence.others.map((o) => ({ userId: o.id, name: o.name, typing: o.typing })),
});
