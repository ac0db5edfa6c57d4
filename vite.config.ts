import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The renderer: bundled whole (no runtime dependencies reach the page), served from app://keyward/. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    // Source maps stay out of the shipped renderer.
    sourcemap: false,
    // The password-strength dictionaries (~1.6 MB) are one chunk, loaded only by the create-vault screen.
    chunkSizeWarningLimit: 2000,
  },
});
