import { Field, ID, InterfaceType } from 'type-graphql';
import { fromGlobalId } from '../ids';

@InterfaceType({ description: 'An object with a global id (Relay)', resolveType: (v: { id: string }) => fromGlobalId(v.id)?.type })
export abstract class Node {
  @Field(() => ID) id: string;
}
