import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const backend = 'http://localhost:3000';

export default defineConfig({
  root: 'web',
  plugins: [react()],
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
