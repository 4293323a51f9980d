import { CodedError, invalidInput, userError } from '@cellgraph/kernel';
import { scheduledJobMessages } from '../messages.js';

export const ScheduledJobErrorCode = {
  NotFound: 'SCHEDULED_JOB_NOT_FOUND',
  QueueNotFound: 'JOB_QUEUE_NOT_FOUND',
  FailedJobNotFound: 'FAILED_JOB_NOT_FOUND',
  PlatformAdminRequired: 'PLATFORM_ADMIN_REQUIRED',
} as const;

/** Schedules and queues are the cell's, not a tenant's: FORBIDDEN for anyone but a platform administrator, whatever their organization role. */
export const jobsPlatformAdminRequired = () =>
  new CodedError('FORBIDDEN', scheduledJobMessages.platformAdminRequired, { reason: ScheduledJobErrorCode.PlatformAdminRequired });
export const scheduledJobNotFound = () => userError(ScheduledJobErrorCode.NotFound, scheduledJobMessages.notFound, ['input', 'job']);
export const scheduledJobNotFoundArgument = () => invalidInput(scheduledJobMessages.notFoundArgument, { argument: 'job' });
export const jobQueueNotFound = () => userError(ScheduledJobErrorCode.QueueNotFound, scheduledJobMessages.queueNotFound, ['input', 'queue']);
export const jobQueueNotFoundArgument = () => invalidInput(scheduledJobMessages.queueNotFoundArgument, { argument: 'queue' });
export const failedJobNotFound = () => userError(ScheduledJobErrorCode.FailedJobNotFound, scheduledJobMessages.failedJobNotFound, ['input', 'jobId']);
