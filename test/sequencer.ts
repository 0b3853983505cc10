/**
 * The order of a run's files (vitest.config.ts `sequence.sequencer`). Vitest's own order
 * runs the projects one after the other (by name: every browser file first); here the
 * browser files are spread through the server and web files by expected duration, so that
 * about one in three workers runs one (each is long: a server, a browser, a database)
 * while the others take the short files — instead of browser files waiting together on
 * the web build at the start, then the server files, then a long tail.
 *
 * Expected duration: the last run's (vitest's cache) when known, otherwise a guess from
 * the kind of file and its size. Within each kind, vitest's order is kept (the longest or
 * the failed first).
 */
import { statSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const isBrowserFile = (spec: TestSpecification) => spec.project.name === 'e2e';

export default class SpreadBrowserFiles extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const browser = sorted.filter(isBrowserFile);
    const others = sorted.filter((spec) => !isBrowserFile(spec));
    if (browser.length === 0 || others.length === 0) return sorted;
    const expected = (spec: TestSpecification): number => {
      const key = `${spec.project.name}:${this.relative(spec.moduleId)}`;
      const cached = this.ctx.cache.getFileTestResults(key)?.duration;
      if (cached !== undefined && cached > 0) return cached;
      if (isBrowserFile(spec)) return 30_000;
      if (spec.project.name === 'web') return 500;
      try {
        return statSync(spec.moduleId).size; // about a millisecond per byte of a server suite
      } catch {
        return 5_000;
      }
    };
    const browserTotal = browser.reduce((sum, spec) => sum + expected(spec), 0);
    const total = browserTotal + others.reduce((sum, spec) => sum + expected(spec), 0);
    const share = browserTotal / total;
    const order: TestSpecification[] = [];
    let browserSoFar = 0;
    let allSoFar = 0;
    let b = 0;
    let o = 0;
    // The first two places go to server files (the web build runs meanwhile); then a
    // browser file whenever the browser files are behind their share of the time so far.
    while (b < browser.length || o < others.length) {
      const nextBrowser = browser[b];
      const nextOther = others[o];
      const takeBrowser =
        nextBrowser !== undefined &&
        (nextOther === undefined || (order.length >= 2 && browserSoFar <= share * allSoFar));
      const spec = takeBrowser ? nextBrowser : nextOther;
      if (spec === undefined) break;
      if (takeBrowser) {
        b++;
        browserSoFar += expected(spec);
      } else {
        o++;
      }
      allSoFar += expected(spec);
      order.push(spec);
    }
    return order;
  }

  private relative(file: string): string {
    const root = this.ctx.config.root.endsWith('/')
      ? this.ctx.config.root
      : `${this.ctx.config.root}/`;
    return file.startsWith(root) ? file.slice(root.length) : file;
  }
}
