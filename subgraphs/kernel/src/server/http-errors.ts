import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler, type Response } from 'express';
import { runtimeMode, type RuntimeMode } from '../config/runtime-mode.js';
import type { Logger } from '../logging/logger.js';
import { acceptedLocales, negotiateLocale } from '../i18n/locales.js';
import { translator, type Translator } from '../i18n/translator.js';
import { kernelMessages } from '../errors/messages.js';

export const REQUEST_ID_HEADER = 'x-request-id';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The edge's request id when it sent a well-formed one, else a new one. */
export function requestIdFrom(header: string | undefined): string {
  return header && REQUEST_ID.test(header) ? header : randomUUID();
}

/** The request id of a response (set by `createHttpApp`). */
export const responseRequestId = (res: Response): string => (res.locals.requestId as string | undefined) ?? randomUUID();

/** Answers `{"errors":[{message, extensions:{code, requestId}}]}` with `status`: every HTTP error of every endpoint has this shape. */
export function sendGraphQLError(res: Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extensions, requestId: responseRequestId(res) } }] });
}

/**
 * An Express app of this platform: no `x-powered-by`, Express's env agreeing with `runtimeMode`,
 * and a request id on every response (`x-request-id`, also in `res.locals.requestId`). Finish it
 * with `answerErrorsAsGraphQL` after its routes.
 */
export function createHttpApp(mode: RuntimeMode = runtimeMode()): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('env', mode);
  app.use((req, res, next) => {
    const requestId = requestIdFrom(req.header(REQUEST_ID_HEADER));
    res.locals.requestId = requestId;
    res.set(REQUEST_ID_HEADER, requestId);
    next();
  });
  return app;
}

/** Body-parser failures (`error.type`) → status, code and a message safe to show. */
const BODY_ERRORS: Record<string, (error: { limit?: number }, reader: Translator) => [number, string, string]> = {
  'entity.parse.failed': (_, reader) => [400, 'BAD_REQUEST', reader.t(kernelMessages.bodyNotJson)],
  'entity.too.large': ({ limit }, reader) => [413, 'PAYLOAD_TOO_LARGE', reader.t(kernelMessages.bodyTooLarge, { limit })],
  'encoding.unsupported': (_, reader) => [415, 'UNSUPPORTED_MEDIA_TYPE', reader.t(kernelMessages.unsupportedEncoding)],
  'charset.unsupported': (_, reader) => [415, 'UNSUPPORTED_MEDIA_TYPE', reader.t(kernelMessages.unsupportedCharset)],
  'request.aborted': (_, reader) => [400, 'BAD_REQUEST', reader.t(kernelMessages.requestAborted)],
  'request.size.invalid': (_, reader) => [400, 'BAD_REQUEST', reader.t(kernelMessages.bodyLengthMismatch)],
};

/** The translator of a request answered outside its context (routing, body parsing): its Accept-Language's. */
const readerOf = (req: Request): Translator => translator(negotiateLocale(acceptedLocales(req.header('accept-language'))));

/**
 * The end of an app's middleware: unknown routes and methods answer 404 NOT_FOUND, and every error
 * (malformed JSON, bodies over the limit, crashes) a coded GraphQL error with the request id,
 * never Express's HTML page.
 */
export function answerErrorsAsGraphQL(app: Express, logger: Logger): void {
  const notFound: RequestHandler = (req, res) => sendGraphQLError(res, 404, 'NOT_FOUND', readerOf(req).t(kernelMessages.noEndpoint, { method: req.method }));
  const errors: ErrorRequestHandler = (error: { type?: string; status?: number; limit?: number }, req, res, next) => {
    if (res.headersSent) return next(error);
    const known = error?.type ? BODY_ERRORS[error.type] : undefined;
    if (known) return sendGraphQLError(res, ...known(error, readerOf(req)));
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status < 500) return sendGraphQLError(res, status, 'BAD_REQUEST', 'Bad request');
    logger.error({ err: error, requestId: responseRequestId(res), method: req.method, path: req.path }, 'unhandled HTTP error');
    sendGraphQLError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  };
  app.use(notFound);
  app.use(errors);
}
