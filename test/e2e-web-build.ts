/**
 * Vitest setup file (e2e project): a browser file starts once the web app's
 * background build (test/e2e-global-setup.ts) has ended, under its own time
 * limit rather than the first hook's or test's.
 */
import { beforeAll } from 'vitest';
import { webBuildReady } from '../e2e/helpers/server.ts';

beforeAll(webBuildReady, 660_000);
