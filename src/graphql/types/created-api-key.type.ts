import { Field, ObjectType } from 'type-graphql';
import { ApiKeyInfo } from './api-key-info.type';

@ObjectType({ simpleResolvers: true })
export class CreatedApiKey {
  @Field({ description: 'The key: shown this once, stored only as a hash' }) key: string;
  @Field(() => ApiKeyInfo) info: ApiKeyInfo;
}
