import { describe, expect, it } from 'vitest';
import { describeDeliveryFailure } from './delivery-failure.ts';

describe('describeDeliveryFailure', () => {
  it('a final bounce names the recipient, the status and the server’s words', () => {
    expect(
      describeDeliveryFailure(
        {
          recipient: 'nobody@bailleur-44.example.org',
          status: '5.1.1',
          action: 'failed',
          diagnostic: '550 5.1.1 User unknown',
          permanent: true,
        },
        'fr',
      ),
    ).toBe(
      'Échec de remise définitif à nobody@bailleur-44.example.org : 5.1.1 · 550 5.1.1 User unknown',
    );
  });

  it('a delay warning is not a failure', () => {
    const line = describeDeliveryFailure(
      { recipient: 'a@example.org', status: '4.4.7', action: 'delayed', permanent: false },
      'fr',
    );
    expect(line).toBe(
      'Remise retardée (le serveur du destinataire réessaie) à a@example.org : 4.4.7',
    );
    expect(line).not.toContain('Échec');
  });

  it('an outbox refusal gives its reason; nothing known says so', () => {
    expect(describeDeliveryFailure({ reason: '550 mailbox unavailable' }, 'fr')).toBe(
      'Échec de remise : 550 mailbox unavailable',
    );
    expect(describeDeliveryFailure({ permanent: true }, 'fr')).toBe(
      'Échec de remise définitif : raison non précisée',
    );
    expect(describeDeliveryFailure({ reason: 'timeout' }, 'en')).toBe('Delivery failed: timeout');
  });

  it('names a relay failure by its category; the relay’s words only when given (administrators)', () => {
    expect(describeDeliveryFailure({ outbox_id: 3, category: 'refused' }, 'fr')).toBe(
      'Échec de remise : le serveur d’envoi refuse la connexion',
    );
    expect(
      describeDeliveryFailure(
        { outbox_id: 3, category: 'rejected', reason: '554 relay denied' },
        'fr',
      ),
    ).toBe('Échec de remise : le serveur d’envoi a refusé le message · 554 relay denied');
    expect(describeDeliveryFailure({ outbox_id: 3, category: 'no-such' }, 'en')).toBe(
      'Delivery failed: sending server error',
    );
  });
});
