import { Field, ObjectType } from 'type-graphql';
import { InstitutionKind } from '../enums';
import { Node } from './node.type';

@ObjectType({ simpleResolvers: true, implements: Node, description: 'An institution: ministry, regional government, agency, bureau, legislature, police …' })
export class Institution extends Node {
  dbId: number;
  @Field() slug: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) acronym: string | null;
  @Field(() => InstitutionKind) kind: InstitutionKind;
  @Field(() => String, { nullable: true, description: 'Official region code (idn-area-data) of the region it governs' }) regionCode: string | null;
  parentId: number | null;
  aliasesJson?: string;
}
