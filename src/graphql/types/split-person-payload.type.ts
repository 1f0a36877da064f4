import { Field, ObjectType } from 'type-graphql';
import { Person } from './person.type';

@ObjectType({ simpleResolvers: true, description: 'The result of splitPerson' })
export class SplitPersonPayload {
  @Field(() => Person, { description: 'The person the merge was into' }) person: Person;
  @Field(() => Person, { description: 'The person split off' }) split: Person;
}
