// TEMPORARY (panels engineer's local iteration config; removed before hand-off)
import base from './playwright.config';
import { defineConfig } from '@playwright/test';
export default defineConfig({
  ...base,
  workers: 1,
  outputDir: '/tmp/pw-panels-out',
  use: { ...base.use, baseURL: 'http://localhost:4180' },
  webServer: { command: 'npx vite preview --outDir /tmp/pdist --port 4180 --strictPort', url: 'http://localhost:4180', reuseExistingServer: true, timeout: 60_000 },
});
