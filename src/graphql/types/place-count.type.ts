import { Field, Int, ObjectType } from 'type-graphql';
import { Place } from './place.type';

@ObjectType({ simpleResolvers: true }) export class PlaceCount { @Field(() => Place) place: Place; @Field(() => Int) count: number }
