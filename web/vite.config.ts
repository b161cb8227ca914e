// Builds the SPA from web/ into dist/web, where the server serves it; in development the
// API is proxied to the server on port 3000 so cookies and Origin stay same-site.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { webStrings } from './web-strings.plugin.ts';

const webDir = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webDir,
  plugins: [preact(), webStrings()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      output: {
        // Name each language's strings after it and their area, so the build output shows them;
        // the app's own code shared by the first load and the lazy pages is "shared".
        chunkFileNames: (chunk) => {
          const strings = /virtual:web-strings\/(\w+)\/(\w+)$/.exec(chunk.facadeModuleId ?? '');
          if (strings) return `assets/web.${strings[1]}.${strings[2]}-[hash].js`;
          // Code shared by several chunks is named for what it is, not after one of its modules.
          return chunk.facadeModuleId ? 'assets/[name]-[hash].js' : 'assets/shared-[hash].js';
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
