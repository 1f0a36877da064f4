import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../scalars';
import { IsCalendarDate } from './is-calendar-date';

@InputType()
export class PersonFilter {
  @Field({ nullable: true, description: 'Part of the name (honorifics and case ignored)' }) @IsOptional() @MaxLength(200) name?: string;
  @Field(() => ID, { nullable: true, description: 'Held a position at this institution' }) @IsOptional() @MaxLength(100) institution?: string;
  @Field({ nullable: true, description: 'Part of a title held ("Bupati")' }) @IsOptional() @MaxLength(200) title?: string;
  @Field(() => DateScalar, { nullable: true, description: 'Held a position on this date (as evidenced)' }) @IsOptional() @IsCalendarDate() activeOn?: string;
}
