import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mutationPayload, UserInputError } from './user-errors.js';
import { validateInput } from './validation.js';

describe('mutation payloads', () => {
  it('returns the result with empty userErrors, or only userErrors for expected failures', async () => {
    await expect(mutationPayload(async () => ({ task: 1 }))).resolves.toEqual({ task: 1, userErrors: [] });
    await expect(
      mutationPayload(async () => {
        throw new UserInputError({ code: 'TASK_NOT_FOUND', field: ['input', 'id'], message: 'No task' });
      }),
    ).resolves.toEqual({ userErrors: [{ code: 'TASK_NOT_FOUND', field: ['input', 'id'], message: 'No task' }] });
  });

  it('lets unexpected errors through as top-level errors', async () => {
    await expect(mutationPayload(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });

  it('answers a foreign-key violation with REFERENCE_NOT_FOUND, never a top-level error', async () => {
    const violation = new QueryFailedError('INSERT INTO crm.deals …', [], Object.assign(new Error('violates foreign key constraint'), { code: '23503' }));
    await expect(mutationPayload(() => Promise.reject(violation))).resolves.toEqual({
      userErrors: [{ code: 'REFERENCE_NOT_FOUND', field: null, message: 'An object this input refers to does not exist in your organization' }],
    });
  });

  it('answers deleting a row others still reference with REFERENCE_IN_USE (Postgres has one code for both sides)', async () => {
    const driverError = Object.assign(
      new Error('update or delete on table "contacts" violates foreign key constraint "deals_contact_id_fkey" on table "deals"'),
      { code: '23503' },
    );
    const violation = new QueryFailedError('DELETE FROM crm.contacts …', [], driverError);
    await expect(mutationPayload(() => Promise.reject(violation))).resolves.toEqual({
      userErrors: [{ code: 'REFERENCE_IN_USE', field: null, message: 'Other objects still refer to this one; remove or change them first' }],
    });
  });

  it('turns validation issues into one user error per field, with its path', () => {
    const schema = z.object({ title: z.string().min(1, 'Title is required'), tags: z.array(z.string().max(3, 'Too long')) });
    expect(() => validateInput(schema, { title: '', tags: ['ok', 'toolong'] }, 'TASK_INVALID_INPUT')).toThrow(UserInputError);
    try {
      validateInput(schema, { title: '', tags: ['ok', 'toolong'] }, 'TASK_INVALID_INPUT');
    } catch (error) {
      expect((error as UserInputError).errors).toEqual([
        { code: 'TASK_INVALID_INPUT', field: ['input', 'title'], message: 'Title is required' },
        { code: 'TASK_INVALID_INPUT', field: ['input', 'tags', 1], message: 'Too long' },
      ]);
    }
  });
});
