// Builds the SPA from web/ into dist/web, where the server serves it; in development the
// API is proxied to the server on port 3000 so cookies and Origin stay same-site.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

const webDir = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webDir,
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      output: {
        // Name each language's strings after it, so the build output shows one chunk per language.
        chunkFileNames: (chunk) => {
          const locale = /locales\/(\w+)\/web\.json$/.exec(chunk.facadeModuleId ?? '');
          return locale ? `assets/web.${locale[1]}-[hash].js` : 'assets/[name]-[hash].js';
        },
      },
    },
  },
  server: {
    // The translations live in ../locales, outside the web root.
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
    proxy: { '/api': { target: 'http://localhost:3000', ws: true } },
  },
});
