/** The years the period picker offers. Pure. */

/** This year back to twenty years ago, newest first, then the chosen one if it is older. */
export function yearChoices(chosen: number, thisYear: number): number[] {
  const years = Array.from({ length: 21 }, (_, i) => thisYear - i);
  if (!years.includes(chosen)) years.push(chosen);
  return years;
}
