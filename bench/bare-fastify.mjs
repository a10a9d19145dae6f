// The baseline of `npm run bench`: what Fastify alone does on this machine — one GET route with a
// small JSON answer, no plugins, no logging. Plain JavaScript, so that no TypeScript loader counts
// towards its memory.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/whoami', async () => ({
  userId: '0193a8f0-0000-7000-8000-000000000000',
  role: 'admin',
  organisationId: '0193a8f0-0000-7000-8000-000000000001',
  method: 'token',
  scopes: ['read', 'write'],
}));
const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
process.stdout.write(`listening at ${address}\n`);
const stop = () => app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
