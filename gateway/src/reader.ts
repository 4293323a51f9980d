import { acceptedLocales, negotiateLocale, translator, type Translator } from '@cellgraph/kernel/core';
import type { Request } from 'express';

/** The locale a request reads, negotiated from its Accept-Language among the catalogs' languages (else en-US). */
export const requestLocale = (req: Request): string => negotiateLocale(acceptedLocales(req.header('accept-language')));

/**
 * The translator for answers the gateway makes outside a request context (refusals before the
 * caller is known): the request's Accept-Language, in UTC. Inside one, `renderText` uses the
 * context's locale (the same negotiation, see server.ts's contextOf).
 */
export const readerOf = (req: Request): Translator => translator(requestLocale(req));
