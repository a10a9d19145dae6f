import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from '../platform/logger.js';
import { type CallerResolver, registerAuthHooks } from './auth-hooks.js';
import { errorHandler } from './errors.js';
import { registerHealth, registerMetrics } from './observability.js';
import './types.js';
import { registerWeb } from './web.js';

export type App = FastifyInstance;
export type RouteModule = (app: FastifyInstance) => Promise<void> | void;

export interface HttpOptions {
  log: Logger;
  version: string;
  trustProxy: boolean;
  resolveCaller: CallerResolver;
  isReady: () => Promise<boolean>;
  routes: RouteModule[];
  /** Largest JSON body accepted (attachments have their own limits). */
  bodyLimitBytes?: number;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tend API',
        version,
        description:
          'Support and maintenance platform. Authenticate with the session cookie (browser; writes need the X-CSRF-Token header) or `Authorization: Bearer <API token>`. Errors are `{"error": {"code", "message", "details"}}`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'personal API token (tend_…)' },
          session: { type: 'apiKey', in: 'cookie', name: 'tend_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { deepLinking: true } });
  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}

export async function createHttpServer(options: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.log as FastifyBaseLogger,
    trustProxy: options.trustProxy,
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    requestIdHeader: 'x-request-id',
    genReqId: (request) => {
      const sent = request.headers['x-request-id'];
      return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'same-origin');
    if (!reply.hasHeader('x-frame-options')) void reply.header('x-frame-options', 'DENY');
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await registerOpenApi(app, options.version);
  registerAuthHooks(app, options.resolveCaller);
  registerMetrics(app);
  registerHealth(app, options.isReady);
  for (const routes of options.routes) await app.register(async (scope) => routes(scope));
  await registerWeb(app);
  return app;
}
