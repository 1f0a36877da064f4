import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true }) export class PeriodCount { @Field({ description: '"2019" or "2019-11"' }) period: string; @Field(() => Int) count: number }
