/**
 * A desk set up in the browser from an empty instance, only through the app
 * (issue 15 §1): the administrator sees the first-run checklist, invites an
 * agent while no mail can leave (the screen shows the link to copy and says
 * so), gives the Demandeurs mailbox its address and an SMTP server (a real
 * `smtp-server` sink started here; MAIL_ALLOWED_HOSTS lets 127.0.0.1 through),
 * tests the connection (success, then a refused port with its French reason),
 * and the agent, logged in through the copied link, answers an applicant's
 * mail whose reply reaches the sink, sent from the address given in the app.
 * axe-core checks the new screens; screenshots go to test-results/e2e/setup-*.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { plainMail, uniqueId } from '../test/mail.ts';
import { freePort } from '../test/ports.ts';
import { type SmtpSink, startSmtpSink } from '../test/smtp-sink.ts';
import { waitFor } from '../test/wait-for.ts';
import { axeViolations } from './helpers/axe.ts';
import { browserMissing } from './helpers/browser.ts';
import { type E2e, startE2e } from './helpers/e2e.ts';
import { expectLoginPage, logIn, newPage, pageProblems } from './helpers/pages.ts';
import { repoRoot, serverOutput } from './helpers/server.ts';

const screenshotDir = path.join(repoRoot, 'test-results', 'e2e');
const admin = { email: 'admin.miseenroute@example.org', password: 'e2e-Admin-Sets-Up-The-Desk-7!' };
const agent = {
  email: 'paul.premier@example.org',
  name: 'Paul Premier',
  password: 'e2e-Paul-Chooses-His-Password-3!',
};
const deskAddress = 'demandes@example.org';

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `setup-${name}.png`), fullPage: true });
}

async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect(await axeViolations(page), screen).toEqual([]);
}

describe.skipIf(browserMissing)('a desk set up in the app', () => {
  let e2e: E2e<{ backend: 'pglite'; smtpListener: true }>;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
    e2e = await startE2e({
      backend: 'pglite',
      smtpListener: true,
      publicUrlIsServer: true,
      admin,
      env: { MAIL_ALLOWED_HOSTS: '127.0.0.1' },
    });
  }, 180_000);

  afterAll(async () => {
    await e2e?.cleanup();
    await sink?.stop();
    expect(pageProblems).toEqual([]);
  });

  test('address, SMTP server and its test, an invitation by link, a reply at the sink', async ({
    onTestFailed,
  }) => {
    const { page } = await newPage(e2e.browser);
    const agentSide = await newPage(e2e.browser);
    const agentPage = agentSide.page;
    onTestFailed(async () => {
      await shot(page, 'failure-admin').catch(() => {});
      await shot(agentPage, 'failure-agent').catch(() => {});
      console.error(serverOutput(e2e.server));
    });

    // The checklist: mail to do, the banner says no mail leaves.
    await page.goto(`${e2e.server.url}/setup`);
    await logIn(page, admin.email, admin.password);
    await page.getByRole('heading', { name: 'Mise en route' }).waitFor();
    const checklist = page.getByRole('table', { name: 'Mise en route' });
    const step = (name: string) => checklist.getByRole('row', { name: new RegExp(`^${name}`) });
    await step('Envoi des e-mails').getByText('À faire').waitFor();
    await step('Adresses des boîtes').getByText('À faire').waitFor();
    await step('Champs et valeurs').getByText('Fait').waitFor();
    await page.getByText('La messagerie n’est pas prête').waitFor();
    await page.getByText(/Aucun envoi d’e-mail pour : .*Demandeurs/).waitFor();
    await expectAccessible(page, 'checklist');
    await shot(page, 'checklist-empty');

    // An invitation while no mail can leave: the link to copy, never "envoyée".
    await step('Utilisateurs').getByRole('link', { name: 'Inviter des personnes' }).click();
    const invite = page.getByRole('region', { name: 'Inviter une personne' });
    await invite.getByRole('textbox', { name: 'Adresse e-mail', exact: true }).fill(agent.email);
    await invite.getByRole('textbox', { name: 'Nom', exact: true }).fill(agent.name);
    await invite.getByRole('combobox', { name: 'Rôle' }).selectOption('agent');
    await invite.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await invite.getByText(/Aucun envoi d’e-mail n’est configuré : copiez ce lien/).waitFor();
    expect(await invite.getByText(/Invitation envoyée/).count()).toBe(0);
    const invitationLink = await invite
      .getByRole('textbox', { name: 'Lien d’invitation' })
      .inputValue();
    expect(new URL(invitationLink).pathname).toBe('/account/invitation');
    await invite.getByRole('button', { name: 'Copier le lien' }).waitFor();
    await expectAccessible(page, 'invitation link');
    await shot(page, 'invitation-link');

    // The Demandeurs mailbox gets its address, from the banner's link.
    await page.getByRole('link', { name: 'Régler la messagerie' }).click();
    await page.getByRole('heading', { name: 'Messagerie des boîtes' }).waitFor();
    await page.getByRole('combobox', { name: 'Boîte' }).selectOption({ label: 'Demandeurs' });
    const addresses = page.getByRole('region', { name: 'Adresses' });
    await addresses.getByText('Aucune adresse').waitFor();
    await addresses.getByRole('textbox', { name: 'Nouvelle adresse' }).fill('pas une adresse');
    await addresses.getByRole('button', { name: 'Ajouter l’adresse' }).click();
    await addresses.getByText('Valeur invalide : Nouvelle adresse.').waitFor();
    await addresses.getByRole('textbox', { name: 'Nouvelle adresse' }).fill(deskAddress);
    await addresses.getByRole('button', { name: 'Ajouter l’adresse' }).click();
    await addresses.getByRole('rowheader', { name: deskAddress }).waitFor();
    await addresses.getByText('Principale', { exact: true }).waitFor();

    // Its SMTP server: the sink. Tested for real: success, then a refused port.
    const smtp = page.getByRole('region', { name: 'Envoi (SMTP)' });
    await smtp.getByText(/aucun relais n’est configuré/).waitFor();
    await smtp.getByRole('textbox', { name: 'Serveur' }).fill('127.0.0.1');
    await smtp.getByRole('textbox', { name: 'Port' }).fill(String(sink.port));
    await smtp.getByRole('button', { name: 'Tester la connexion' }).click();
    await smtp.getByText(`Connexion réussie à 127.0.0.1:${sink.port}.`).waitFor();
    await expectAccessible(page, 'mail settings');
    await shot(page, 'smtp-success');

    const closed = await freePort();
    await smtp.getByRole('textbox', { name: 'Port' }).fill(String(closed));
    await smtp.getByRole('button', { name: 'Tester la connexion' }).click();
    await smtp
      .getByText(
        `Échec de la connexion à 127.0.0.1:${closed} : connexion refusée : aucun service n’écoute sur ce port.`,
      )
      .waitFor();
    await page.getByText(/L’envoi d’e-mails échoue pour : Demandeurs/).waitFor();
    await shot(page, 'smtp-refused');

    await smtp.getByRole('textbox', { name: 'Port' }).fill(String(sink.port));
    await smtp.getByRole('button', { name: 'Tester la connexion' }).click();
    await smtp.getByText(`Connexion réussie à 127.0.0.1:${sink.port}.`).waitFor();

    // Saved: a reload shows the address and the server.
    await page.reload();
    await page.getByRole('combobox', { name: 'Boîte' }).selectOption({ label: 'Demandeurs' });
    await page.getByRole('region', { name: 'Adresses' }).getByText(deskAddress).waitFor();
    const reloaded = page.getByRole('region', { name: 'Envoi (SMTP)' });
    expect(await reloaded.getByRole('textbox', { name: 'Serveur' }).inputValue()).toBe('127.0.0.1');
    expect(await reloaded.getByRole('textbox', { name: 'Port' }).inputValue()).toBe(
      String(sink.port),
    );

    // The agent accepts the invitation through the copied link and logs in.
    await agentPage.goto(invitationLink);
    await agentPage.getByRole('heading', { name: 'Bienvenue sur Guichet' }).waitFor();
    await agentPage
      .getByRole('textbox', { name: 'Mot de passe', exact: true })
      .fill(agent.password);
    await agentPage
      .getByRole('textbox', { name: 'Confirmez le mot de passe' })
      .fill(agent.password);
    await agentPage.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await agentPage.getByText('Mot de passe enregistré.').waitFor();
    await agentPage.getByRole('link', { name: 'Aller à la connexion' }).click();
    await expectLoginPage(agentPage);
    await logIn(agentPage, agent.email, agent.password);

    // An applicant writes to the address given in the app; the agent answers.
    const listener = nodemailer.createTransport({
      host: '127.0.0.1',
      port: e2e.smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    const applicant = 'lea.demandeuse@example.org';
    await listener.sendMail({
      envelope: { from: applicant, to: [deskAddress] },
      raw: plainMail({
        from: `Léa Demandeuse <${applicant}>`,
        to: deskAddress,
        subject: 'Dossier de logement incomplet',
        messageId: uniqueId('setup'),
        body: 'Bonjour, il manque une pièce à mon dossier, que dois-je envoyer ?',
      }),
    });
    listener.close();
    await agentPage.goto(`${e2e.server.url}/inbox`);
    const ticketLink = agentPage.getByRole('link', { name: /Dossier de logement incomplet/ });
    await ticketLink.first().waitFor({ timeout: 60_000 });
    await ticketLink.first().click();
    await agentPage.getByRole('heading', { name: /Dossier de logement incomplet/ }).waitFor();
    await agentPage
      .getByRole('textbox', { name: 'Votre réponse' })
      .fill('Bonjour Léa, envoyez-nous votre avis d’imposition.');
    await agentPage
      .getByRole('button', { name: /^Envoyer/ })
      .first()
      .click();
    const sent = await waitFor(
      () => sink.received.find((m) => m.raw.toString('utf8').includes('avis d')),
      'the reply at the sink',
      60_000,
    );
    expect(sent.to).toEqual([applicant]);
    expect(sent.from).toBe(deskAddress);
    await shot(agentPage, 'agent-replied');

    // Fields and values: a value added and renamed, kept after a reload.
    await page.goto(`${e2e.server.url}/fields`);
    await page.getByRole('heading', { name: 'Champs et valeurs', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'Boîte' }).selectOption({ label: 'Demandeurs' });
    const nature = page.getByRole('region', { name: 'Nature du problème' });
    await nature.getByRole('textbox', { name: 'Nouvelle valeur' }).fill('Pièce manquante');
    await nature.getByRole('button', { name: 'Ajouter la valeur' }).click();
    const added = nature.getByRole('textbox', { name: 'Nouveau nom de « Pièce manquante »' });
    await added.fill('Pièce justificative manquante');
    await added.press('Enter');
    const renamed = 'Nouveau nom de « Pièce justificative manquante »';
    await nature.getByRole('textbox', { name: renamed }).waitFor();
    await page.reload();
    await page.getByRole('combobox', { name: 'Boîte' }).selectOption({ label: 'Demandeurs' });
    await page
      .getByRole('region', { name: 'Nature du problème' })
      .getByRole('textbox', { name: renamed })
      .waitFor();
    await expectAccessible(page, 'fields');
    await shot(page, 'fields');

    // Back on the checklist: the Demandeurs mailbox now sends.
    await page.goto(`${e2e.server.url}/setup`);
    await step('Adresses des boîtes')
      .getByText(/1 boîte sur/)
      .waitFor();
    await shot(page, 'checklist-after');
  }, 300_000);
});
