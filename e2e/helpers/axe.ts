/**
 * Accessibility checks with axe-core in the page under test. The script is
 * evaluated through the DevTools protocol (not a <script> tag), so the app's
 * Content-Security-Policy stays as strict in tests as in production.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let axeSource: Promise<string> | undefined;

export type AxeViolation = { id: string; impact: string | null; help: string; targets: string[] };

/**
 * Runs axe (WCAG 2.0/2.1 A and AA rules, and its best practices when asked) on
 * the page as it is now and returns the violations at or above `minimum`
 * impact ('serious' by default; 'minor' returns every violation).
 */
export async function axeViolations(
  page: Page,
  minimum: 'minor' | 'moderate' | 'serious' | 'critical' = 'serious',
  options: { bestPractices?: boolean } = {},
): Promise<AxeViolation[]> {
  axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  const source = await axeSource;
  // Colours are measured as shown: a dialog still fading in has the contrast of half its
  // opacity, so every running transition ends first (a slow machine makes them last); a
  // spinner's endless animation never ends and is not waited for.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (animation) =>
          animation.playState !== 'running' ||
          animation.effect?.getComputedTiming().endTime === Number.POSITIVE_INFINITY,
      ),
  );
  await page.evaluate(source);
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  // Best practices too: one banner, one main, landmarks named apart, every text in a landmark.
  if (options.bestPractices) tags.push('best-practice');
  const violations = await page.evaluate(async (values) => {
    const axe = (
      globalThis as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } }
    ).axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values },
    })) as {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: unknown[] }[];
      }[];
    };
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => String(node.target.join(' '))),
    }));
  }, tags);
  const order = ['minor', 'moderate', 'serious', 'critical'];
  const floor = order.indexOf(minimum);
  return violations.filter((violation) => order.indexOf(violation.impact ?? 'minor') >= floor);
}
