import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixture, signer } from '../../../test/mail.ts';
import { readBounce } from './classify-mail.ts';
import { parseMail } from './parse-mail.ts';

async function bounceOf(name: string) {
  const original = signer.messageId(1, 'reply', 'example.org');
  const raw = await fixture(name, { ORIGINAL_ID: original });
  const mail = await parseMail(raw, createHash('sha256').update(raw).digest('hex'));
  return readBounce(mail, signer, raw);
}

describe('delivery reports keep their reason and say whether they are final (issue 16 §12)', () => {
  it('a permanent refusal: status, the server’s words without the "smtp;" type, final', async () => {
    expect(await bounceOf('dsn-rfc822.eml')).toMatchObject({
      recipient: 'nobody@bailleur-44.example.org',
      status: '5.1.1',
      action: 'failed',
      diagnostic: '550 5.1.1 User unknown',
      permanent: true,
    });
  });

  it('a delay warning (4.x.x, folded diagnostic) is not final', async () => {
    expect(await bounceOf('dsn-delayed.eml')).toMatchObject({
      recipient: 'lent@bailleur-44.example.org',
      status: '4.4.7',
      action: 'delayed',
      diagnostic: '451 4.4.7 Connection timed out while talking to mx2.bailleur-44.example.org',
      permanent: false,
    });
  });
});
