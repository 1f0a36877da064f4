import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { PlaceKind } from '../enums';

@InputType()
export class PlaceFilter {
  @Field({ nullable: true }) @IsOptional() @MaxLength(200) name?: string;
  @Field(() => PlaceKind, { nullable: true }) @IsOptional() kind?: PlaceKind;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) parent?: string;
}
