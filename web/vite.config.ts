import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';
import { persistedOperations } from './persisted-operations.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
// `npm run dev:web` talks to a running cell (npm start) through this proxy: same origin, so the
// session cookie and the WebSocket work as in production.
const gateway = process.env.CELLGRAPH_GATEWAY_URL ?? 'http://localhost:4000';

export default defineConfig({
  root: here('.'),
  plugins: [react(), persistedOperations(here('src/gql/persisted-documents.json'))],
  // One React for the app and every library (the gateway's explorer keeps its own React 18).
  // Workspace packages (the kernel's i18n) are read from their TypeScript sources.
  resolve: { dedupe: ['react', 'react-dom'], conditions: ['@cellgraph/source', ...defaultClientConditions] },
  build: { outDir: here('dist'), emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 700 },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: {
      '/graphql': { target: gateway, ws: true, changeOrigin: true },
      '/auth': { target: gateway, changeOrigin: true },
    },
  },
});
