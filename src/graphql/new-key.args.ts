import { ArrayMaxSize, IsIn, Matches, MaxLength, MinLength } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { ApiRole } from '../entities/enums';

/** The arguments of createApiKey. */
@ArgsType()
export class NewKeyArgs {
  @Field() @MinLength(1) @MaxLength(100) name: string;
  @Field(() => ApiRole) @IsIn(Object.values(ApiRole)) role: ApiRole;
  @Field(() => [String], { defaultValue: [] }) @ArrayMaxSize(20) @Matches(/^https?:\/\/[^/\s]+$/, { each: true, message: 'origins must look like https://example.org' }) origins: string[];
}
