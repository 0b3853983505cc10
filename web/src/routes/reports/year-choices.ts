/** The years the period picker offers, and the one the reports open on. Pure. */

/**
 * The years that have tickets, newest first, then the chosen one if it is not
 * among them (a shared link to an empty year); this year alone when nothing
 * has been received yet.
 */
export function yearChoices(chosen: number, years: readonly number[], thisYear: number): number[] {
  const choices = years.length === 0 ? [thisYear] : [...years].sort((a, b) => b - a);
  if (!choices.includes(chosen)) choices.push(chosen);
  return choices;
}

/**
 * The year the reports open on: the last full year when it has tickets, else
 * the latest year that has some (an imported history ending years ago), else
 * the last full year.
 */
export function openingYear(years: readonly number[], today: Date = new Date()): number {
  const lastFull = today.getFullYear() - 1;
  if (years.includes(lastFull) || years.length === 0) return lastFull;
  const past = years.filter((year) => year <= lastFull);
  return past.length > 0 ? Math.max(...past) : Math.max(...years);
}
