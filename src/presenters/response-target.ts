/** A response target as the API gives it (issue 18): durations in minutes, newest version first. */
import type { TargetRow, TargetVersionRow } from '../domain/targets/list-targets.ts';
import type { ResponseTargetDto, TargetVersionDto } from '../shared/targets-contracts.ts';

const minutes = (seconds: number | null) => (seconds === null ? null : Math.round(seconds / 60));

function presentVersion(v: TargetVersionRow): TargetVersionDto {
  return {
    id: Number(v.id),
    validFrom: new Date(v.valid_from).toISOString(),
    removed: v.removed,
    createdBy: v.created_by_name,
    firstResponseMinutes: minutes(v.first_response_seconds),
    nextResponseMinutes: minutes(v.next_response_seconds),
    resolutionMinutes: minutes(v.resolution_seconds),
    businessHours: v.business_hours,
    warnBeforeMinutes: minutes(v.warn_before_seconds) ?? 0,
  };
}

/** `now`: which version is in force (the newest valid by then). */
export function presentTarget(row: TargetRow, now: Date = new Date()): ResponseTargetDto {
  const versions = row.versions.map(presentVersion);
  const inForce = row.versions.find((v) => new Date(v.valid_from) <= now);
  const current = inForce && !inForce.removed ? presentVersion(inForce) : null;
  return {
    id: row.id,
    mailboxId: row.mailbox_id,
    mailboxName: row.mailbox_name,
    fieldValueId: row.field_value_id,
    organisationTypeValueId: row.organisation_type_value_id,
    narrowingLabel:
      row.narrowing_field && row.narrowing_value
        ? `${row.narrowing_field} : ${row.narrowing_value}`
        : null,
    current,
    versions,
  };
}
