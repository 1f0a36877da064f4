import { Field, Int, ObjectType } from 'type-graphql';
import { Institution } from './institution.type';

@ObjectType({ simpleResolvers: true }) export class InstitutionCount { @Field(() => Institution) institution: Institution; @Field(() => Int) count: number }
