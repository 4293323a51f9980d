import { init } from './0001-init.js';
import { clauses } from './0002-clauses.js';
import { externalReview } from './0003-external-review.js';

export const migrations = [init, clauses, externalReview];
