/** The contact form's confirmation promises e-mail only when one will be sent (issue 15 §1). */
import { describe, expect, it } from 'vitest';
import { thanksBody } from './contact-pages.ts';

const site = { departement: '44', name: 'Loire-Atlantique' } as Parameters<typeof thanksBody>[0];
const text = (mail: { replies: boolean; acknowledged: boolean }) =>
  String(thanksBody(site, 27474, [], mail));

describe('the confirmation page', () => {
  it('promises the acknowledgement and replies only when they will be sent', () => {
    expect(text({ replies: true, acknowledged: true })).toContain(
      'Vous allez recevoir un e-mail de confirmation',
    );
    const repliesOnly = text({ replies: true, acknowledged: false });
    expect(repliesOnly).not.toContain('e-mail de confirmation');
    expect(repliesOnly).toContain('Nous vous répondrons par e-mail');
    const none = text({ replies: false, acknowledged: false });
    expect(none).not.toMatch(/e-mail|répondrons/);
    expect(none).toContain('27474');
  });
});
