import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, pickLocale, type ErrorDetail, type ErrorKind, type Messages } from '../errors.ts';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  locked: 423,
  rate_limited: 429,
};

export interface ErrorBody {
  error: { code: string; message: string; details: ErrorDetail[] };
}

function body(req: FastifyRequest, code: string, messages: Messages, details: ErrorDetail[] = []): ErrorBody {
  const locale = pickLocale(req.headers['accept-language']);
  return { error: { code, message: messages[locale], details } };
}

/** PostgreSQL constraint violations that reach the edge become client errors, not 500s. */
function fromDatabase(err: { code?: string; constraint?: string; detail?: string }): DomainError | null {
  const details: ErrorDetail[] = err.constraint ? [{ constraint: err.constraint }] : [];
  switch (err.code) {
    case '23505':
      return new DomainError(
        'duplicate',
        'conflict',
        { 'zh-CN': '记录已存在（重复）', en: 'A record with this value already exists' },
        details,
      );
    case '23P01':
      return new DomainError(
        'conflict',
        'conflict',
        { 'zh-CN': '与已有记录冲突', en: 'Conflicts with an existing record' },
        details,
      );
    case '23503':
      return new DomainError(
        'invalid_reference',
        'invalid',
        {
          'zh-CN': '引用的记录不存在或仍被使用',
          en: 'A referenced record does not exist or is still in use',
        },
        details,
      );
    case '23514':
    case '23502':
      return new DomainError(
        'invalid_value',
        'invalid',
        { 'zh-CN': '数据不符合约束', en: 'A value breaks a data rule' },
        details,
      );
    case '22P02':
    case '22007':
    case '22008':
      return new DomainError(
        'invalid_value',
        'invalid',
        { 'zh-CN': '数据格式不正确', en: 'A value has the wrong format' },
        details,
      );
    case '40001':
    case '40P01':
      return new DomainError('retry', 'conflict', {
        'zh-CN': '并发冲突，请重试',
        en: 'A concurrent change interfered; please retry',
      });
    default:
      return null;
  }
}

export function sendError(req: FastifyRequest, reply: FastifyReply, err: DomainError): FastifyReply {
  return reply.status(STATUS[err.kind]).send(body(req, err.code, err.messages, err.details));
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof DomainError) return sendError(req, reply, err);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const details = err.validation.map((v) => ({
        field: [where === 'body' ? '' : where, ...v.instancePath.split('/').filter(Boolean)]
          .filter(Boolean)
          .join('.'),
        code: v.keyword,
        message: v.message ?? '',
      }));
      return reply
        .status(400)
        .send(
          body(req, 'invalid_input', { 'zh-CN': '请求参数不合法', en: 'The request is not valid' }, details),
        );
    }
    const db = fromDatabase(err as { code?: string });
    if (db) return sendError(req, reply, db);
    const status = err.statusCode ?? 500;
    if (status === 413) {
      return reply
        .status(413)
        .send(
          body(req, 'payload_too_large', { 'zh-CN': '请求内容过大', en: 'The request body is too large' }),
        );
    }
    if (status >= 400 && status < 500) {
      return reply.status(status).send(
        body(req, (err.code ?? 'bad_request').toLowerCase(), {
          'zh-CN': '请求无法处理：' + err.message,
          en: err.message,
        }),
      );
    }
    req.log.error({ err }, 'unhandled error');
    return reply
      .status(500)
      .send(body(req, 'internal', { 'zh-CN': '服务器内部错误', en: 'Internal server error' }));
  });
}

/**
 * Errors Fastify raises before any route runs (a malformed percent-encoding in the path, a path
 * parameter over the router's length limit) answered in the platform's error shape instead of
 * Fastify's own. Wired as the `frameworkErrors` option of the Fastify factory.
 */
export function frameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const detail = [{ method: req.method, url: req.url.slice(0, 200) }];
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return reply
      .status(414)
      .send(
        body(
          req,
          'uri_too_long',
          { 'zh-CN': '请求地址中的参数过长', en: 'A path parameter is too long' },
          detail,
        ),
      );
  }
  if (err.code === 'FST_ERR_BAD_URL') {
    return reply
      .status(400)
      .send(
        body(req, 'bad_url', { 'zh-CN': '请求地址格式不正确', en: 'The request URL is malformed' }, detail),
      );
  }
  req.log.error({ err }, 'framework error');
  return reply
    .status(err.statusCode && err.statusCode >= 400 ? err.statusCode : 500)
    .send(body(req, 'internal', { 'zh-CN': '服务器内部错误', en: 'Internal server error' }));
}

export function notFoundBody(req: FastifyRequest): ErrorBody {
  return body(req, 'route_not_found', { 'zh-CN': '接口不存在', en: 'No such endpoint' }, [
    { method: req.method, url: req.url },
  ]);
}
