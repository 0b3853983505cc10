/**
 * The help centre's abuse limits, set from the environment (README settings):
 * PORTAL_FORM_PER_IP_HOUR, PORTAL_FORM_PER_EMAIL_HOUR, PORTAL_MIN_SUBMIT_SECONDS,
 * PORTAL_PAGES_PER_MINUTE. The benchmark raises them to measure throughput.
 */

/** At most `max` events per `windowSeconds` (portal/abuse/rate-limit.ts counts them). */
type RateRule = { max: number; windowSeconds: number };

export type PortalLimits = {
  /** Contact-form submissions per IP address (counted in the database, all instances). */
  formPerIp: RateRule;
  /** Contact-form submissions per e-mail address. */
  formPerEmail: RateRule;
  /** A form posted sooner than this after its page was served is refused. */
  minSubmitSeconds: number;
  /** Public page requests per IP per minute (in memory, per instance). */
  pagesPerMinute: number;
};

export const defaultPortalLimits: PortalLimits = {
  formPerIp: { max: 30, windowSeconds: 3600 },
  formPerEmail: { max: 5, windowSeconds: 3600 },
  minSubmitSeconds: 3,
  pagesPerMinute: 300,
};

/** The longest window of the database-counted rules: older counters have expired. */
export function longestRateWindowSeconds(limits: PortalLimits): number {
  return Math.max(limits.formPerIp.windowSeconds, limits.formPerEmail.windowSeconds);
}
