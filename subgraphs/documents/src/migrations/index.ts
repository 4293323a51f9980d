import { init } from './0001-init.js';
import { clauses } from './0002-clauses.js';
import { revisions } from './0003-revisions.js';
import { externalReview } from './0004-external-review.js';
import { approvals } from './0005-approvals.js';
import { signatures } from './0006-signatures.js';
import { deliverables } from './0007-deliverables.js';
import { outboxRequestOrigin } from './0008-outbox-request-origin.js';

export const migrations = [init, clauses, revisions, externalReview, approvals, signatures, deliverables, outboxRequestOrigin];
