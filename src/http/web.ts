import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { packageRoot } from '../platform/paths.js';

export function webRoot(): string {
  return join(packageRoot(), 'dist', 'web');
}

/**
 * Serve the built web app; any other GET that wants HTML gets index.html (client-side routing).
 * Unknown /api paths stay JSON 404s.
 */
export async function registerWeb(app: FastifyInstance): Promise<void> {
  const root = webRoot();
  const built = existsSync(join(root, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      cacheControl: false,
      // Vite fingerprints asset names, so they can be cached forever; the rest is revalidated.
      setHeaders: (response, path) => {
        const immutable = path.includes(`${join('dist', 'web', 'assets')}`);
        response.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const wantsPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      (request.headers.accept ?? '').includes('text/html');
    if (wantsPage && built) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    if (wantsPage) {
      return reply
        .status(503)
        .type('text/plain')
        .send('The Tend web app is not built. Run "npm run build" (npm install does it) and restart.');
    }
    return reply.status(404).send({
      error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` },
    });
  });
}
