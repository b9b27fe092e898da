import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The operations-center dashboard: a static page (HTML, one script, one stylesheet) that calls
 * the sharing API on its own origin. Everything, ECharts included, is bundled here at build
 * time: no CDN at run time, so the page works offline.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    // ECharts (bar, line, SVG renderer) is most of the script: about 200 kB gzipped, measured in `npm run bench`.
    chunkSizeWarningLimit: 700,
  },
});
