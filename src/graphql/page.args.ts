import { IsOptional, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { config } from '../config';

/** `first`/`after` and `last`/`before` of every connection field. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size (default 20, at most 100)' }) @IsOptional() @Min(0) @Max(config.pageSizeMax) first?: number;
  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the previous page' }) @IsOptional() @MaxLength(200) after?: string;
  @Field(() => Int, { nullable: true, description: 'Page size counted back from `before` (or from the end); not with first/after' }) @IsOptional() @Min(0) @Max(config.pageSizeMax) last?: number;
  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the next page (paging backward)' }) @IsOptional() @MaxLength(200) before?: string;
}
