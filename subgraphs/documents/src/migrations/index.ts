import { init } from './0001-init.js';
import { externalReview } from './0002-external-review.js';

export const migrations = [init, externalReview];
