import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { EventKind, ParticipationRole } from '../enums';
import { DateScalar } from '../scalars';
import { IsCalendarDate } from './is-calendar-date';

@InputType({ description: 'Filters for attendance rows; all given filters must hold' })
export class AttendanceFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) person?: string;
  @Field(() => ID, { nullable: true, description: 'The institution taking part, or a person who held a position there' }) @IsOptional() @MaxLength(100) institution?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) event?: string;
  @Field(() => EventKind, { nullable: true }) @IsOptional() eventKind?: EventKind;
  @Field(() => ParticipationRole, { nullable: true }) @IsOptional() role?: ParticipationRole;
  @Field(() => ID, { nullable: true, description: 'Venue, city, or a province containing the city' }) @IsOptional() @MaxLength(100) place?: string;
  @Field(() => ID, { nullable: true, description: 'Events organised by this institution' }) @IsOptional() @MaxLength(100) organizer?: string;
  @Field(() => DateScalar, { nullable: true, description: 'Events still running on or after this date' }) @IsOptional() @IsCalendarDate() from?: string;
  @Field(() => DateScalar, { nullable: true, description: 'Events starting on or before this date' }) @IsOptional() @IsCalendarDate() to?: string;
}
