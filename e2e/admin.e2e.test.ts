/**
 * Users and access in a real browser (issue 8 §5), on a PostgreSQL server with
 * the SMTP sink as relay: an admin invites an agent from the users screen, the
 * invitation mail reaches the sink, the agent opens its link in another
 * browser, chooses a password and logs in; the admin restricts the agent to
 * Partenaires (a Demandeurs ticket is then not found nor listed), disables the
 * agent (the agent's open page goes back to the login form at its next
 * request), and the audit screen finds each of those events. A forgotten
 * password is reset through the link of the sink's mail. An administrator
 * turns the second factor on; the next login asks for the code. axe-core
 * checks the users, audit and account screens.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUser } from '../src/domain/users/manage-users.ts';
import { totpCode } from '../src/domain/users/totp.ts';
import { createTicket } from '../test/factories.ts';
import { waitFor } from '../test/wait-for.ts';
import { axeViolations } from './helpers/axe.ts';
import { browserMissing } from './helpers/browser.ts';
import { type E2e, postgresReachable, startE2e } from './helpers/e2e.ts';
import {
  apiStatus,
  expectHomePage,
  expectLoginPage,
  logIn,
  newPage,
  pageProblems,
  text,
} from './helpers/pages.ts';
import { repoRoot, serverOutput } from './helpers/server.ts';

const screenshotDir = path.join(repoRoot, 'test-results', 'e2e');
const pgReachable = await postgresReachable('users and access');

const admin = { email: 'admin.acces@example.org', password: 'e2e-Admin-Access-Password-9!' };
const agent = {
  email: 'nina.nouvelle@example.org',
  name: 'Nina Nouvelle',
  password: 'e2e-Nina-Chooses-Her-Password-4!',
  newPassword: 'e2e-Nina-Resets-Her-Password-5!',
};

const viewer = { email: 'victor.lecteur@example.org', name: 'Victor Lecteur' };

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `admin-${name}.png`), fullPage: true });
}

async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect(await axeViolations(page), screen).toEqual([]);
}

describe.skipIf(browserMissing || !pgReachable)('users and access in the browser', () => {
  let e2e: E2e<{ backend: 'postgres'; smtpSink: true }>;
  const tickets = { partenaires: 0, demandeurs: 0 };
  /** The Demandeurs ticket's number: the web app's addresses carry numbers (/tickets/1001). */
  let demandeursNumber = 0;

  /** The link of the latest mail of `subject` to `to` in the sink (quoted-printable decoded). */
  const linkInMail = async (to: string, subject: string, seen: number): Promise<string> => {
    const mails = await waitFor(async () => {
      const found = e2e.sink.received.filter((m) => m.to.includes(to));
      return found.length > seen ? found : undefined;
    }, `mail to ${to}`);
    const parsed = await simpleParser(mails[mails.length - 1]?.raw ?? Buffer.alloc(0));
    expect(parsed.subject).toBe(subject);
    const link = /https?:\/\/\S+#[A-Za-z0-9_-]{43}/.exec(parsed.text ?? '')?.[0];
    expect(link, parsed.text).toBeDefined();
    return link ?? '';
  };

  beforeAll(async () => {
    e2e = await startE2e({ backend: 'postgres', smtpSink: true, publicUrlIsServer: true, admin });
    const { db } = e2e.db;
    const mailboxes = await db.selectFrom('mailboxes').select(['id', 'slug']).execute();
    const idOf = (slug: string) => mailboxes.find((m) => m.slug === slug)?.id ?? '';
    const createdAt = new Date();
    tickets.partenaires = await createTicket(db, {
      mailboxId: idOf('partenaires'),
      createdAt,
      subject: 'Accès partenaire bloqué',
    });
    tickets.demandeurs = await createTicket(db, {
      mailboxId: idOf('demandeurs'),
      createdAt,
      subject: 'Demande de logement en attente',
    });
    const numbered = await db
      .selectFrom('tickets')
      .select('number')
      .where('id', '=', tickets.demandeurs)
      .executeTakeFirstOrThrow();
    demandeursNumber = numbered.number;
  }, 180_000);

  afterAll(async () => {
    await e2e?.cleanup();
    expect(pageProblems).toEqual([]);
  });

  test('invite, accept, restrict, disable, audit', async ({ onTestFailed }) => {
    const { context: adminContext, page } = await newPage(e2e.browser);
    const agentSide = await newPage(e2e.browser);
    const agentPage = agentSide.page;
    onTestFailed(async () => {
      await shot(page, 'failure-admin').catch(() => {});
      await shot(agentPage, 'failure-agent').catch(() => {});
      console.error(serverOutput(e2e.server));
    });

    // The admin invites an agent who sees every mailbox.
    await page.goto(e2e.server.url);
    await logIn(page, admin.email, admin.password);
    await page.getByRole('navigation').getByRole('link', { name: 'Utilisateurs' }).click();
    await page.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/users');
    await expectAccessible(page, 'users');
    const invite = page.getByRole('region', { name: 'Inviter une personne' });
    await invite.getByRole('textbox', { name: 'Adresse e-mail', exact: true }).fill(agent.email);
    await invite.getByRole('textbox', { name: 'Nom', exact: true }).fill(agent.name);
    await invite.getByRole('combobox', { name: 'Rôle' }).selectOption('agent');
    await invite.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await page.getByText(`Invitation envoyée à ${agent.email}.`).waitFor();
    const row = page.getByRole('row', { name: new RegExp(agent.name) });
    await row.getByText('Invitation en attente').waitFor();
    // A viewer invited with one mailbox only: "every mailbox" unticked, then Demandeurs ticked.
    await invite.getByRole('textbox', { name: 'Adresse e-mail', exact: true }).fill(viewer.email);
    await invite.getByRole('textbox', { name: 'Nom', exact: true }).fill(viewer.name);
    await invite.getByRole('combobox', { name: 'Rôle' }).selectOption('viewer');
    await invite.getByRole('checkbox', { name: 'Toutes les boîtes' }).uncheck();
    await invite.getByRole('checkbox', { name: 'Demandeurs' }).check();
    await invite.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await page.getByText(`Invitation envoyée à ${viewer.email}.`).waitFor();
    await page
      .getByRole('row', { name: new RegExp(viewer.name) })
      .getByRole('cell', { name: /^Demandeurs/ })
      .waitFor();
    await shot(page, 'users-invited');

    // The mail's link, opened in another browser: the agent chooses a password.
    const invitationLink = await linkInMail(agent.email, 'Invitation à utiliser Guichet', 0);
    expect(new URL(invitationLink).pathname).toBe('/account/invitation');
    await agentPage.goto(invitationLink);
    await agentPage.getByRole('heading', { name: 'Bienvenue sur Guichet' }).waitFor();
    await agentPage.getByText(`Bonjour ${agent.name}, choisissez le mot de passe`).waitFor();
    await expectAccessible(agentPage, 'accept invitation');
    await shot(agentPage, 'accept-invitation');
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
    await agentPage.getByRole('heading', { level: 1, name: text.landingHeading }).waitFor();
    // the same link a second time: used up
    const again = await newPage(e2e.browser);
    await again.page.goto(invitationLink);
    await again.page.getByText('Ce lien n’est plus valable').waitFor();
    await again.context.close();

    // Every mailbox for now: the Demandeurs ticket opens.
    await agentPage.goto(`${e2e.server.url}/tickets/${demandeursNumber}`);
    await agentPage.getByRole('heading', { name: /Demande de logement en attente/ }).waitFor();

    // The admin restricts the agent to Partenaires.
    await page.reload();
    await row.getByText('Actif').waitFor();
    await row.getByRole('button', { name: `Boîtes visibles par ${agent.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Boîtes visibles par ${agent.name}` });
    await dialog.getByRole('checkbox', { name: 'Toutes les boîtes' }).uncheck();
    await dialog.getByRole('checkbox', { name: 'Partenaires' }).check();
    await expectAccessible(page, 'mailboxes dialog');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Modification enregistrée.').waitFor();
    await row.getByRole('cell', { name: /^Partenaires/ }).waitFor();

    // The Demandeurs ticket is now not found, and not listed; the Partenaires one is.
    await agentPage.goto(`${e2e.server.url}/tickets/${demandeursNumber}`);
    await agentPage.getByRole('heading', { level: 1, name: 'Ticket introuvable' }).waitFor();
    await agentPage
      .getByRole('alert')
      .getByText('Ce ticket n’existe pas, ou vous n’avez pas accès à sa boîte.')
      .waitFor();
    expect(await apiStatus(agentPage, `/api/tickets/${tickets.demandeurs}`)).toBe(404);
    expect(await apiStatus(agentPage, `/api/tickets/${tickets.partenaires}`)).toBe(200);
    await agentPage.goto(`${e2e.server.url}/inbox`);
    await agentPage.getByRole('link', { name: /Accès partenaire bloqué/ }).waitFor();
    expect(await agentPage.getByText('Demande de logement en attente').count()).toBe(0);

    // The admin disables the agent: the agent's open page logs out at its next request.
    await row.getByRole('button', { name: `Désactiver ${agent.name}` }).click();
    await row.getByText('Désactivé').waitFor();
    // (its next request: opening a ticket from the inbox it still shows)
    await agentPage.getByRole('link', { name: /Accès partenaire bloqué/ }).click();
    await expectLoginPage(agentPage);
    expect(await apiStatus(agentPage, '/api/inbox')).toBe(401);
    await logIn(agentPage, agent.email, agent.password);
    await agentPage.getByText(text.wrongCredentials).waitFor();

    // The audit screen finds the invitation, login, restriction and disable events.
    await page.getByRole('navigation').getByRole('link', { name: 'Journal d’audit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Journal d’audit' }).waitFor();
    await expectAccessible(page, 'audit');
    await page.getByRole('textbox', { name: /^Cible/ }).fill(agent.email);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    const log = page.getByRole('table', { name: 'Journal d’audit' });
    for (const action of [
      'Invitation envoyée',
      'Invitation acceptée',
      'Boîtes accessibles modifiées',
      'Compte désactivé',
    ])
      await log.getByText(action, { exact: true }).waitFor();
    // Actions in words: no code on the screen, the stored record folded away.
    expect(await log.getByText('user.invited', { exact: true }).isVisible()).toBe(false);
    await shot(page, 'audit-target');
    await page.getByRole('textbox', { name: /^Cible/ }).fill('');
    await page.getByRole('textbox', { name: /^Auteur/ }).fill(agent.email);
    await page.getByRole('combobox', { name: 'Type d’action' }).selectOption('Connexions');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await log.getByText('Connexion', { exact: true }).first().waitFor();
    await log.getByText('Échec de connexion', { exact: true }).first().waitFor();
    await expectAccessible(page, 'audit results');
    await shot(page, 'audit-login');

    await adminContext.close();
    await agentSide.context.close();
  });

  test('a forgotten password is reset through the link of the mail', async ({ onTestFailed }) => {
    const { context, page } = await newPage(e2e.browser);
    onTestFailed(async () => {
      await shot(page, 'failure-reset').catch(() => {});
      console.error(serverOutput(e2e.server));
    });
    const seen = e2e.sink.received.filter((m) => m.to.includes(admin.email)).length;
    await page.goto(e2e.server.url);
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.getByRole('heading', { name: 'Mot de passe oublié' }).waitFor();
    await expectAccessible(page, 'forgot');
    await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill(admin.email);
    await page.getByRole('button', { name: 'Envoyer le lien' }).click();
    await page.getByText('Si un compte existe pour cette adresse').waitFor();

    const link = await linkInMail(
      admin.email,
      'Réinitialisation de votre mot de passe Guichet',
      seen,
    );
    expect(new URL(link).pathname).toBe('/account/reset');
    await page.goto(link);
    await page.getByRole('heading', { name: 'Nouveau mot de passe' }).waitFor();
    await expectAccessible(page, 'reset');
    await shot(page, 'reset');
    await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill(agent.newPassword);
    await page.getByRole('textbox', { name: 'Confirmez le mot de passe' }).fill(agent.newPassword);
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.getByText('Mot de passe enregistré.').waitFor();
    await page.getByRole('link', { name: 'Aller à la connexion' }).click();
    await logIn(page, admin.email, admin.password);
    await page.getByText(text.wrongCredentials).waitFor();
    await logIn(page, admin.email, agent.newPassword);
    await expectHomePage(page, admin.email);
    await context.close();
  });

  test('an administrator turns the second factor on; login then asks for the code', async ({
    onTestFailed,
  }) => {
    const second = { email: 'admin.totp@example.org', password: 'e2e-Second-Admin-Password-6!' };
    await createUser(
      e2e.db.db,
      { ...second, name: 'Second Admin', role: 'admin' },
      { userId: null, label: 'e2e' },
    );
    const { context, page } = await newPage(e2e.browser);
    onTestFailed(async () => {
      await shot(page, 'failure-totp').catch(() => {});
      console.error(serverOutput(e2e.server));
    });
    await page.goto(`${e2e.server.url}/users`);
    await logIn(page, second.email, second.password);
    const section = page.getByRole('region', { name: 'Ma double authentification' });
    await section.getByRole('button', { name: 'Activer la double authentification' }).click();
    const secret = (await section.locator('code').first().textContent()) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await expectAccessible(page, 'second factor enrolment');
    await section
      .getByRole('textbox', { name: 'Code à 6 chiffres' })
      .fill(totpCode(secret, new Date()));
    await section.getByRole('button', { name: 'Confirmer' }).click();
    await section.getByText('Codes de secours').waitFor();
    await section.getByText('Activée : la connexion demande un code à 6 chiffres.').waitFor();
    expect(await section.getByRole('listitem').count()).toBe(10);
    await shot(page, 'second-factor');

    await page.getByRole('button', { name: text.logoutButton }).click();
    await logIn(page, second.email, second.password);
    const code = page.getByRole('textbox', { name: 'Code de vérification' });
    await code.waitFor();
    // The next step's code: the one used to confirm is spent (each step works once).
    await code.fill(totpCode(secret, new Date(Date.now() + 30_000)));
    await page.getByRole('button', { name: text.loginButton }).click();
    await page.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor();
    await context.close();
  });
});
