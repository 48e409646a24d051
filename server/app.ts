import fs from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext, GoaModule } from './kernel/module.ts';
import type { MigrationSource } from './kernel/db/migrate.ts';
import { frameworkError, installErrorHandling, notFoundBody } from './kernel/http/errors.ts';
import { installGuard } from './kernel/http/guard.ts';
import { kernelComponents } from './kernel/components.ts';
import { modules } from './modules.ts';

export const allComponents: readonly GoaModule[] = [...kernelComponents, ...modules];

export function migrationSources(): MigrationSource[] {
  return allComponents.flatMap((m) => (m.migrations ? [{ owner: m.name, dir: m.migrations }] : []));
}

export interface BuildOptions {
  logger?: boolean;
  /** serve the built web app from config.webDist when it exists (default true) */
  web?: boolean;
}

export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: ctx.config.logLevel } : false,
    // one line per request only when asked for (debug/trace): the console stays readable by default
    logController: new LogController({
      disableRequestLogging: !['debug', 'trace'].includes(ctx.config.logLevel),
    }),
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: true,
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: frameworkError,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  installErrorHandling(app);
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // plain HTTP must keep working on an intranet without TLS
    strictTransportSecurity: false,
  });
  await app.register(multipart, { limits: { fileSize: ctx.config.fileMaxBytes, files: 10 } });
  installGuard(app, ctx.db, { authCacheMs: ctx.config.authCacheMs });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'goa API',
        description: '机关事务一体化平台 / Government Offices Administration platform',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'goa_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/health',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['kernel'],
        summary: 'Liveness and the database in use',
        response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']) }) },
      },
    },
    async () => ({ status: 'ok' as const, db: ctx.database.kind }),
  );
  r.get('/api/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  for (const component of allComponents) await component.register?.(app, ctx);

  const webIndex = path.join(ctx.config.webDist, 'index.html');
  const serveWeb = opts.web !== false && fs.existsSync(webIndex);
  if (serveWeb) {
    await app.register(fastifyStatic, { root: ctx.config.webDist, wildcard: false });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !serveWeb || req.method !== 'GET') {
      return reply.status(404).send(notFoundBody(req));
    }
    return reply.type('text/html').sendFile('index.html'); // the web app routes on the client
  });
  return app;
}
