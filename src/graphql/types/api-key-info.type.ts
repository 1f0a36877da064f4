import { Field, Int, ObjectType } from 'type-graphql';
import { ApiRole } from '../../entities/enums';

@ObjectType({ simpleResolvers: true, description: 'An API key as stored: never the key itself' })
export class ApiKeyInfo {
  @Field(() => Int) id: number;
  @Field() name: string;
  @Field(() => ApiRole) role: ApiRole;
  @Field({ description: 'The first characters of the key, to recognise it' }) prefix: string;
  @Field({ description: 'The opaque id a partner puts in embed URLs (?partner=…); not secret, not guessable' }) partnerId: string;
  @Field(() => [String], { description: 'Browser origins the key works from' }) origins: string[];
  @Field() revoked: boolean;
}
