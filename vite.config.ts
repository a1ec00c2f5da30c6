import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The renderer build. `base: './'` because Electron loads it from file://;
 * no inline scripts and no remote assets, so the strict CSP both shells apply
 * (script-src 'self') holds. In dev, PITWALL_API points /api at a running
 * browser-mode server.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // Inline data: URLs would need img-src data: for every asset kind; keep files as files.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: process.env.PITWALL_API ? { '/api': { target: process.env.PITWALL_API, ws: true, changeOrigin: false } } : {},
  },
});
