/** Known incidents → the API's DTOs (src/shared/incident-contracts.ts). */
import type { Incident, incidentTickets } from '../domain/incidents/incidents.ts';
import type { Suggestion } from '../domain/incidents/suggest-tickets.ts';
import type {
  IncidentDto,
  IncidentSuggestionDto,
  IncidentTicketDto,
} from '../shared/incident-contracts.ts';

export function presentIncident(row: Incident): IncidentDto {
  return {
    id: row.id,
    title: row.title,
    moduleValueId: row.module_value_id,
    moduleLabel: row.module_label,
    publicText: row.public_text,
    finalText: row.final_text,
    startedAt: row.started_at.toISOString(),
    resolvedAt: row.resolved_at ? row.resolved_at.toISOString() : null,
    linked: row.linked,
    answered: row.answered,
  };
}

type LinkedRow = Awaited<ReturnType<typeof incidentTickets>>[number];

export function presentIncidentTicket(row: LinkedRow): IncidentTicketDto {
  return {
    id: row.id,
    number: Number(row.number),
    subject: row.subject,
    status: row.status,
    mailboxName: row.mailbox_name,
    linkedByGuichet: row.linked_by === null,
    answered: row.answered_at !== null,
  };
}

export function presentSuggestion(row: Suggestion): IncidentSuggestionDto {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status,
    mailboxName: row.mailboxName,
    createdAt: row.createdAt.toISOString(),
    sameModule: row.sameModule,
  };
}
