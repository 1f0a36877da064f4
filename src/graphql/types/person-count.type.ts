import { Field, Int, ObjectType } from 'type-graphql';
import { Person } from './person.type';

@ObjectType({ simpleResolvers: true }) export class PersonCount { @Field(() => Person) person: Person; @Field(() => Int) count: number }
