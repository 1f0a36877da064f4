import { IsInt, IsOptional, MaxLength, Min, MinLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { EventKind } from '../enums';
import { DateScalar } from '../scalars';
import { IsCalendarDate } from './is-calendar-date';

@InputType()
export class UpdateEventInput {
  @Field({ nullable: true }) @IsOptional() @MinLength(1) @MaxLength(500) name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(300) shortName?: string | null;
  @Field(() => EventKind, { nullable: true }) @IsOptional() kind?: EventKind;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @IsCalendarDate() startDate?: string | null;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @IsCalendarDate() endDate?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) participantCount?: number | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) venue?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) city?: string | null;
}
