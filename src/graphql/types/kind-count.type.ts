import { Field, Int, ObjectType } from 'type-graphql';
import { EventKind } from '../enums';

@ObjectType({ simpleResolvers: true }) export class KindCount { @Field(() => EventKind) kind: EventKind; @Field(() => Int) count: number }
