/**
 * Every metric's written definition, in the order of the report's
 * "Définitions" appendix; the web app shows the same texts.
 */
import { changesDefinition, percentagesDefinition } from './changes.ts';
import { evolutionDefinition } from './evolution.ts';
import { firstResponseDefinition } from './first-response.ts';
import { repliesDefinition } from './replies-of-period.ts';
import { resolutionDefinition } from './resolution-time.ts';
import { satisfactionDefinition } from './satisfaction.ts';
import { missingValueDefinition, ticketsDefinition } from './tickets-of-period.ts';

export const metricDefinitions = [
  ticketsDefinition,
  missingValueDefinition,
  repliesDefinition,
  firstResponseDefinition,
  resolutionDefinition,
  satisfactionDefinition,
  changesDefinition,
  percentagesDefinition,
  evolutionDefinition,
];
