import { IsIn, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ParticipationRole } from '../enums';

@InputType()
export class AddParticipationInput {
  @Field(() => ID) @MaxLength(100) event: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) person?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) institution?: string;
  @Field(() => ParticipationRole) @IsIn(Object.values(ParticipationRole)) role: ParticipationRole;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) evidence?: string;
}
