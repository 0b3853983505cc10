import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * `@shared/…` is the web app's one door into the server's tree: src/shared/
 * (contracts and pure functions; tsconfig.json `paths` says the same for tsc,
 * vitest.config.ts for the web tests, .dependency-cruiser.cjs enforces it).
 */
export const sharedAlias = {
  find: /^@shared\//,
  replacement: fileURLToPath(new URL('./src/shared/', import.meta.url)),
};

const backend = 'http://localhost:3000';

export default defineConfig({
  root: 'web',
  plugins: [react()],
  resolve: { alias: [sharedAlias] },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    rolldownOptions: {
      // src/shared/contracts.ts builds its zod schemas at module level; the web app only
      // imports its types and constants, so those calls are dropped instead of bundling zod.
      // Schemas derived from another (`reportQuerySchema.extend(...)`) are listed too, or
      // their call keeps the whole of zod in the bundle (+24 kB gzip).
      treeshake: { manualPureFunctions: ['z', 'reportQuerySchema'] },
    },
  },
  server: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
    },
  },
});
