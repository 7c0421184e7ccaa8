import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dashboard is served by the Argus API server from the same origin, under a strict CSP
// (script-src 'self'): Vite's production output is plain external module scripts, which fits.
export default defineConfig({
  root: 'web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // One small bundle; no source maps shipped to operators' browsers.
    sourcemap: false,
    // No inline <script> or data: modules: everything stays an external file the CSP allows.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
