import type { AuditEventDto } from '@shared/contracts.ts';
import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditFamilies, auditTargetLabel } from './audit-labels.ts';

const event = (over: Partial<AuditEventDto>): AuditEventDto => ({
  id: 1,
  at: '2026-12-06T06:00:00Z',
  action: 'ticket.changed',
  actor: { id: null, email: null, name: null, label: null },
  targetType: null,
  targetId: null,
  targetEmail: null,
  targetLabel: null,
  ip: null,
  details: {},
  ...over,
});

describe('the audit log in words', () => {
  it('names known actions in French, never by their code', () => {
    expect(auditActionLabel('user.invited', 'fr')).toBe('Invitation envoyée');
    expect(auditActionLabel('auth.login_failed', 'fr')).toBe('Échec de connexion');
    expect(auditActionLabel('ticket.changed', 'en')).toBe('Ticket changed');
  });

  it('names an action it does not know by its family, without its code', () => {
    expect(auditActionLabel('ticket.something_new', 'fr')).toBe('Tickets : autre action');
    expect(auditActionLabel('zzz.unheard_of', 'fr')).toBe('Autre action');
    expect(auditActionLabel('zzz.unheard_of', 'fr')).not.toContain('zzz');
  });

  it('names a ticket by its number and hides internal ids', () => {
    expect(
      auditTargetLabel(
        event({ targetType: 'ticket', targetId: '20839', targetLabel: '#27474' }),
        'fr',
      ),
    ).toBe('Ticket #27474');
    expect(auditTargetLabel(event({ targetType: 'ticket', targetId: '20839' }), 'fr')).toBe(
      'Ticket',
    );
    expect(
      auditTargetLabel(
        event({ targetType: 'user', targetId: '0b5e2c1a-1111-4222-8333-944455556666' }),
        'fr',
      ),
    ).toBe('Utilisateur');
    expect(auditTargetLabel(event({ targetType: 'report', targetId: '2020' }), 'fr')).toBe(
      'Rapport 2020',
    );
    expect(auditTargetLabel(event({}), 'fr')).toBe('—');
  });

  it('offers families whose prefixes are distinct', () => {
    const prefixes = auditFamilies.map((f) => f.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });
});
