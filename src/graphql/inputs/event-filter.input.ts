import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { EventKind, ParticipationRole } from '../enums';
import { DateScalar } from '../scalars';
import { IsCalendarDate } from './is-calendar-date';

@InputType({ description: 'Filters for events; all given filters must hold' })
export class EventFilter {
  @Field(() => DateScalar, { nullable: true, description: 'Events still running on or after this date' }) @IsOptional() @IsCalendarDate() from?: string;
  @Field(() => DateScalar, { nullable: true, description: 'Events starting on or before this date' }) @IsOptional() @IsCalendarDate() to?: string;
  @Field(() => EventKind, { nullable: true }) @IsOptional() kind?: EventKind;
  @Field(() => ID, { nullable: true, description: 'Venue, city, or a province containing the city' }) @IsOptional() @MaxLength(100) place?: string;
  @Field(() => ID, { nullable: true, description: 'Organising institution' }) @IsOptional() @MaxLength(100) organizer?: string;
  @Field(() => ID, { nullable: true, description: 'A person taking part' }) @IsOptional() @MaxLength(100) participant?: string;
  @Field(() => ParticipationRole, { nullable: true, description: "The participant's role (with participant)" }) @IsOptional() role?: ParticipationRole;
  @Field({ nullable: true, description: 'Text in the name, short name or aliases (case-insensitive)' }) @IsOptional() @MaxLength(200) search?: string;
}
