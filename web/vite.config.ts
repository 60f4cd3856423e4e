import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

/** Same-origin prefixes the web server forwards to each platform service, prefix stripped. */
const SERVICE_PORTS = { trading: 3101, hub: 3102, supervision: 3103 } as const;

const proxy: Record<string, ProxyOptions> = Object.fromEntries(
  Object.entries(SERVICE_PORTS).map(([prefix, port]) => [
    `/${prefix}/api`,
    {
      target: `http://127.0.0.1:${port}`,
      rewrite: (path: string) => path.slice(prefix.length + 1),
    },
  ]),
);

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  server: { port: 3100, strictPort: true, proxy },
  preview: { port: 3100, strictPort: true, proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // React changes rarely, so it gets a long-cached chunk of its own. antd is left to the
        // automatic splitting: each lazy page then loads only the components it uses.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
