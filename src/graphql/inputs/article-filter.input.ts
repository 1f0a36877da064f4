import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../scalars';
import { IsCalendarDate } from './is-calendar-date';

@InputType({ description: 'Filters for articles; all given filters must hold' })
export class ArticleFilter {
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @IsCalendarDate() from?: string;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @IsCalendarDate() to?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(100) section?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(100) outlet?: string;
  @Field(() => ID, { nullable: true, description: 'Articles that mention this person' }) @IsOptional() @MaxLength(100) person?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) institution?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) place?: string;
  @Field(() => ID, { nullable: true, description: 'Articles that cover this event' }) @IsOptional() @MaxLength(100) event?: string;
}
