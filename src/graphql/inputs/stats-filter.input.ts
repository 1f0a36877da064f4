import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { EventKind } from '../enums';
import { DateScalar } from '../scalars';
import { IsCalendarDate } from './is-calendar-date';

@InputType({ description: 'Filters for counts; all given filters must hold' })
export class StatsFilter {
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @IsCalendarDate() from?: string;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @IsCalendarDate() to?: string;
  @Field(() => ID, { nullable: true, description: 'Venue, city, or a province containing the city' }) @IsOptional() @MaxLength(100) place?: string;
  @Field(() => EventKind, { nullable: true }) @IsOptional() kind?: EventKind;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) organizer?: string;
}
