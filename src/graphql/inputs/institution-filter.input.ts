import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { InstitutionKind } from '../enums';

@InputType()
export class InstitutionFilter {
  @Field({ nullable: true, description: 'Part of the name, an acronym or an alias' }) @IsOptional() @MaxLength(200) name?: string;
  @Field(() => InstitutionKind, { nullable: true }) @IsOptional() kind?: InstitutionKind;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) parent?: string;
}
