import { Field, ID, InputType, Int, registerEnumType, type ClassType } from 'type-graphql';
import { GraphQLDateTimeISO, GraphQLLocalDate } from '../scalars/custom-scalars.js';
import { GraphQLDecimal } from '../money/decimal.js';

/*
 * Typed comparators for `filter:` arguments, as Linear and Twenty expose them. A comparator with
 * several operators set means all of them (AND). String matching (contains, startsWith) ignores
 * case.
 */

@InputType({ description: 'Conditions on a string field.' })
export class StringComparator {
  @Field(() => String, { nullable: true }) eq?: string | null;
  @Field(() => String, { nullable: true }) neq?: string | null;
  @Field(() => [String], { nullable: true }) in?: string[] | null;
  @Field(() => [String], { nullable: true }) nin?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Contains the text, ignoring case.' }) contains?: string | null;
  @Field(() => String, { nullable: true, description: 'Starts with the text, ignoring case.' }) startsWith?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: the field is null; false: it is not.' }) isNull?: boolean | null;
}

@InputType({ description: 'Conditions on an id field (global ids).' })
export class IDComparator {
  @Field(() => ID, { nullable: true }) eq?: string | null;
  @Field(() => ID, { nullable: true }) neq?: string | null;
  @Field(() => [ID], { nullable: true }) in?: string[] | null;
  @Field(() => [ID], { nullable: true }) nin?: string[] | null;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean | null;
}

@InputType({ description: 'Conditions on a date-time field.' })
export class DateTimeComparator {
  @Field(() => GraphQLDateTimeISO, { nullable: true }) eq?: Date | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) neq?: Date | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) lt?: Date | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) lte?: Date | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) gt?: Date | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) gte?: Date | null;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean | null;
}

@InputType({ description: 'Conditions on a calendar-date field ("2026-11-22").' })
export class DateComparator {
  @Field(() => GraphQLLocalDate, { nullable: true }) eq?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) neq?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) lt?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) lte?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) gt?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) gte?: string | null;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean | null;
}

@InputType({ description: 'Conditions on a decimal field (compared exactly).' })
export class DecimalComparator {
  @Field(() => GraphQLDecimal, { nullable: true }) eq?: string | null;
  @Field(() => GraphQLDecimal, { nullable: true }) neq?: string | null;
  @Field(() => GraphQLDecimal, { nullable: true }) lt?: string | null;
  @Field(() => GraphQLDecimal, { nullable: true }) lte?: string | null;
  @Field(() => GraphQLDecimal, { nullable: true }) gt?: string | null;
  @Field(() => GraphQLDecimal, { nullable: true }) gte?: string | null;
}

@InputType({ description: 'Conditions on an integer field.' })
export class IntComparator {
  @Field(() => Int, { nullable: true }) eq?: number | null;
  @Field(() => Int, { nullable: true }) neq?: number | null;
  @Field(() => [Int], { nullable: true }) in?: number[] | null;
  @Field(() => [Int], { nullable: true }) nin?: number[] | null;
  @Field(() => Int, { nullable: true }) lt?: number | null;
  @Field(() => Int, { nullable: true }) lte?: number | null;
  @Field(() => Int, { nullable: true }) gt?: number | null;
  @Field(() => Int, { nullable: true }) gte?: number | null;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean | null;
}

@InputType({ description: 'Conditions on a boolean field.' })
export class BooleanComparator {
  @Field(() => Boolean, { nullable: true }) eq?: boolean | null;
  @Field(() => Boolean, { nullable: true }) neq?: boolean | null;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean | null;
}

export interface EnumComparatorShape<E> {
  eq?: E | null;
  neq?: E | null;
  in?: E[] | null;
  nin?: E[] | null;
  isNull?: boolean | null;
}

/** Declares `<EnumName>Comparator` for a registered enum. */
export function EnumComparator<E extends string>(enumObject: Record<string, E>, enumName: string): ClassType<EnumComparatorShape<E>> {
  @InputType(`${enumName}Comparator`, { description: `Conditions on a ${enumName} field.` })
  class Comparator {
    @Field(() => enumObject, { nullable: true }) eq?: E | null;
    @Field(() => enumObject, { nullable: true }) neq?: E | null;
    @Field(() => [enumObject], { nullable: true }) in?: E[] | null;
    @Field(() => [enumObject], { nullable: true }) nin?: E[] | null;
    @Field(() => Boolean, { nullable: true }) isNull?: boolean | null;
  }
  return Comparator;
}

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, { name: 'OrderDirection', description: 'Sort direction; nulls sort last ascending, first descending.' });
