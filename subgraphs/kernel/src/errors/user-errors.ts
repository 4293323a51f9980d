import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { foreignKeyViolation } from '../db/errors.js';
import { renderText, type ReaderText } from '../i18n/reader.js';
import { kernelMessages } from './messages.js';

/**
 * An expected failure of a mutation (validation, conflict, a rule of the domain), returned in the
 * payload's `userErrors` instead of as a top-level error. `field` is the path to the input field
 * at fault, e.g. ["input", "title"], or null when the error is not about one field.
 */
@ObjectType({ description: 'An expected failure of a mutation, such as a validation error or a conflict.' })
@Directive('@shareable')
export class UserError {
  @Field({ description: 'Stable, module-prefixed code, e.g. TASK_DEPENDENCY_CYCLE.' })
  code!: string;

  @Field(() => [String], { nullable: true, description: 'Path to the input field at fault.' })
  field!: string[] | null;

  @Field({ description: 'Human-readable description, safe to display.' })
  message!: string;
}

export interface UserErrorData {
  code: string;
  field?: readonly (string | number)[] | null;
  /**
   * A catalog message, translated for the reader when answered. A plain string only for a text
   * already rendered for this reader elsewhere (an owner module's answer passed on, a validator's).
   */
  message: ReaderText | string;
}

/** An error's message in the language of the request being served. */
export function userErrorMessage(error: UserErrorData): string {
  return typeof error.message === 'string' ? error.message : renderText(error.message);
}

/**
 * Thrown by services for expected failures. Because it is thrown, the surrounding transaction
 * rolls back: a mutation that answers with userErrors has written nothing.
 */
export class UserInputError extends Error {
  override name = 'UserInputError';
  readonly errors: UserErrorData[];

  /** `payload`: fields the failed payload carries besides userErrors (e.g. the duplicate found). */
  constructor(
    errors: UserErrorData | UserErrorData[],
    readonly payload: Record<string, unknown> = {},
  ) {
    const list = Array.isArray(errors) ? errors : [errors];
    super(list.map((e) => `${e.code}: ${userErrorMessage(e)}`).join('; '));
    this.errors = list;
  }
}

/** An expected failure to throw from a service: `throw userError('TASK_NOT_FOUND', '…', ['input', 'id'])`. */
export function userError(code: string, message: ReaderText | string, field: readonly (string | number)[] | null = null): UserInputError {
  return new UserInputError({ code, field, message });
}

export function toUserError(error: UserErrorData): UserError {
  return Object.assign(new UserError(), {
    code: error.code,
    field: error.field ? error.field.map(String) : null,
    message: userErrorMessage(error),
  });
}

/**
 * The answer to a foreign-key violation that got past a service's checks (a referenced row deleted
 * meanwhile, or another organization's): a user error, never INTERNAL_SERVER_ERROR.
 */
export const referenceNotFound = () => userError('REFERENCE_NOT_FOUND', kernelMessages.referenceNotFound);
export const referenceInUse = () => userError('REFERENCE_IN_USE', kernelMessages.referenceInUse);

/**
 * Runs a mutation body and shapes its payload: the result's fields (with `userErrors: []` unless
 * the result brings its own), or the error's `userErrors` (and payload fields) when the body threw
 * a UserInputError; a foreign-key violation becomes REFERENCE_NOT_FOUND (a missing reference) or
 * REFERENCE_IN_USE (deleting what others still reference). Other errors propagate
 * (top-level errors).
 */
export async function mutationPayload<T extends object>(body: () => Promise<T>): Promise<Partial<T> & { userErrors: UserError[] }> {
  try {
    return { userErrors: [], ...(await body()) };
  } catch (thrown) {
    const violation = foreignKeyViolation(thrown);
    const error = violation === 'missing' ? referenceNotFound() : violation === 'referenced' ? referenceInUse() : thrown;
    if (error instanceof UserInputError) return { ...error.payload, userErrors: error.errors.map(toUserError) } as Partial<T> & { userErrors: UserError[] };
    throw error;
  }
}

/** A payload type carrying only `userErrors` (for mutations whose success needs no data). */
export function UserErrorsPayload(name: string, description?: string) {
  @ObjectType(name, { description })
  class Payload {
    @Field(() => [UserError])
    userErrors!: UserError[];
  }
  return Payload;
}

/**
 * The payload of a deletion, named for its mutation: the id of what was deleted under `idField`
 * (`deletedTaskId`, as Shopify names it), or `userErrors`.
 */
export function DeletePayload(name: string, idField: `deleted${string}Id` | `removed${string}Id`, description = 'Id of the deleted object.') {
  class Payload {
    userErrors!: UserError[];
  }
  Field(() => ID, { nullable: true, description })(Payload.prototype, idField);
  Field(() => [UserError])(Payload.prototype, 'userErrors');
  ObjectType(name)(Payload);
  return Payload;
}

/** An input type holding only an id, named for its mutation (`TaskDeleteInput`), so each can grow alone. */
export function IdInput(name: string, description = 'The object’s id.') {
  @InputType(name)
  class Input {
    @Field(() => ID, { description })
    id!: string;
  }
  return Input;
}
