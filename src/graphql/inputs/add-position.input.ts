import { IsOptional, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../scalars';
import { IsCalendarDate } from './is-calendar-date';

@InputType()
export class AddPositionInput {
  @Field(() => ID) @MaxLength(100) person: string;
  @Field() @MinLength(1) @MaxLength(200) title: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) institution?: string;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @IsCalendarDate() validFrom?: string;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @IsCalendarDate() validTo?: string;
  @Field(() => ID, { nullable: true, description: 'The article that evidences it' }) @IsOptional() @MaxLength(100) evidence?: string;
}
